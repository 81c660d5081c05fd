package uk.portsmouth.cfe.fsp.demo;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import uk.portsmouth.cfe.fsp.domain.PlanLifecycle;
import uk.portsmouth.cfe.fsp.domain.PlanRules;
import uk.portsmouth.cfe.fsp.domain.Reviews;
import uk.portsmouth.cfe.fsp.domain.Stamp;
import uk.portsmouth.cfe.fsp.domain.TeamAndActions;
import uk.portsmouth.cfe.fsp.store.PlanStore;
import uk.portsmouth.cfe.fsp.store.ProfessionalStore;
import uk.portsmouth.cfe.platform.proto.Dates;
import uk.portsmouth.cfe.platform.time.CityTime;
import uk.portsmouth.cfe.proto.common.v1.Locality;
import uk.portsmouth.cfe.proto.fsp.v1.Action;
import uk.portsmouth.cfe.proto.fsp.v1.ActionStatus;
import uk.portsmouth.cfe.proto.fsp.v1.ActivatePlanRequest;
import uk.portsmouth.cfe.proto.fsp.v1.AddProgressRequest;
import uk.portsmouth.cfe.proto.fsp.v1.Address;
import uk.portsmouth.cfe.proto.fsp.v1.Adult;
import uk.portsmouth.cfe.proto.fsp.v1.AspectAssessment;
import uk.portsmouth.cfe.proto.fsp.v1.Child;
import uk.portsmouth.cfe.proto.fsp.v1.ClosePlanRequest;
import uk.portsmouth.cfe.proto.fsp.v1.ClosureOutcome;
import uk.portsmouth.cfe.proto.fsp.v1.CompleteReviewRequest;
import uk.portsmouth.cfe.proto.fsp.v1.CreatePlanRequest;
import uk.portsmouth.cfe.proto.fsp.v1.Family;
import uk.portsmouth.cfe.proto.fsp.v1.Plan;
import uk.portsmouth.cfe.proto.fsp.v1.Professional;
import uk.portsmouth.cfe.proto.fsp.v1.RecordConsentRequest;
import uk.portsmouth.cfe.proto.fsp.v1.StartReviewRequest;
import uk.portsmouth.cfe.proto.fsp.v1.TeamMember;
import uk.portsmouth.cfe.proto.fsp.v1.TeamMemberKind;
import uk.portsmouth.cfe.proto.fsp.v1.TransferPlanRequest;
import uk.portsmouth.cfe.proto.fsp.v1.UpdateReviewRequest;

/**
 * A handful of invented plans at different stages, dated relative to today and made through the
 * same rules the API applies: a draft, an active plan with its first review overdue, a plan whose
 * co-ordinator role was transferred after a review, and a closed plan. The demo professionals
 * (prof-demo-001..003) are the launcher's demo clients.
 */
public final class FspDemoData {

    static final Professional LEAD =
            professional("prof-demo-001", "Sam Patel", "Lead Professional (SENCo)", "Demo Primary School");
    static final Professional NURSE =
            professional("prof-demo-002", "Jo Carter", "School Nurse", "0-19 Public Health Nursing");
    static final Professional WORKER =
            professional("prof-demo-003", "Alex Morgan", "Family Support Worker", "Early Help and Prevention");
    /** In the directory of professionals but on no demo plan: someone a manager can make a co-ordinator. */
    static final List<Professional> DIRECTORY_ONLY = List.of(
            professional("prof-demo-004", "Priya Shah", "Early Help Practitioner", "Early Help and Prevention"),
            professional("prof-demo-005", "Tom Reid", "Pastoral Lead", "Demo Secondary School"),
            professional("prof-demo-006", "Dee Walsh", "Health Visitor", "0-19 Public Health Nursing"));

    private FspDemoData() {}

    /** Loads the demo professionals and plans that are not there yet (never undoes an edit). */
    public static void load(PlanStore plans, ProfessionalStore professionals, Clock clock) {
        for (Professional professional : List.of(LEAD, NURSE, WORKER)) {
            professionals.insertIfAbsent(professional, "demo-data");
        }
        DIRECTORY_ONLY.forEach(professional -> professionals.insertIfAbsent(professional, "demo-data"));
        LocalDate today = CityTime.today(clock);
        for (Plan plan : List.of(
                draft(today),
                overdue(today),
                transferred(today),
                closed("fsp-demo-closed", "Marsh", "Leo", today.minusDays(10)),
                // closed long ago: past the retention period, so the retention job has work in the demo
                closed("fsp-demo-closed-2019", "Fenwick", "Ruby", today.minusYears(7)))) {
            plans.insert(plan, "demo-data");
        }
    }

    private static Plan draft(LocalDate today) {
        Stamp stamp = stamp(LEAD, today.minusDays(3));
        return PlanRules.draft(
                "fsp-demo-draft",
                create(
                        "Hughes",
                        2,
                        Locality.LOCALITY_NORTH,
                        List.of(child("Mia", "Hughes", today.minusYears(7).minusDays(40), "")),
                        List.of(adult("Laura", "Hughes", "mother")),
                        List.of(aspect(
                                "getting-a-good-education",
                                "Enjoys reading with her mum",
                                "Late most mornings",
                                true))),
                LEAD,
                stamp);
    }

    /** Active for 10 weeks with no review yet: review 1 was due at 6 weeks. A child is on the attendance demo roll. */
    private static Plan overdue(LocalDate today) {
        LocalDate created = today.minusWeeks(11);
        Plan plan = PlanRules.draft(
                "fsp-demo-overdue",
                create(
                        "Bennett",
                        2,
                        Locality.LOCALITY_CENTRAL,
                        List.of(
                                child("Tyler", "Bennett", today.minusYears(9).minusDays(100), "B801200005001"),
                                child("Ava", "Bennett", today.minusYears(4).minusDays(12), "")),
                        List.of(adult("Kerry", "Bennett", "mother")),
                        List.of(
                                aspect(
                                        "getting-a-good-education",
                                        "Tyler likes football club",
                                        "Attendance 84% this year",
                                        true),
                                aspect(
                                        "good-physical-and-mental-health",
                                        "Regular GP contact",
                                        "Tyler is anxious about school",
                                        true),
                                aspect(
                                        "financial-stability",
                                        "Mum works part time",
                                        "Rent arrears since the summer",
                                        true))),
                LEAD,
                stamp(LEAD, created));
        plan = PlanLifecycle.consent(
                plan,
                RecordConsentRequest.newBuilder()
                        .setGivenBy("adult-1")
                        .setGivenOn(Dates.of(created))
                        .build(),
                stamp(LEAD, created));
        plan = PlanLifecycle.activate(
                plan,
                ActivatePlanRequest.newBuilder()
                        .setStartDate(Dates.of(today.minusWeeks(10)))
                        .build(),
                stamp(LEAD, today.minusWeeks(10)));
        Stamp week10 = stamp(LEAD, today.minusWeeks(10));
        plan = TeamAndActions.addMember(plan, member(NURSE), week10);
        plan = TeamAndActions.addMember(
                plan,
                TeamMember.newBuilder()
                        .setKind(TeamMemberKind.TEAM_MEMBER_KIND_FAMILY)
                        .setMemberId("adult-1")
                        .build(),
                week10);
        plan = TeamAndActions.addAction(
                plan,
                action(
                        "good-physical-and-mental-health",
                        "Emotional wellbeing sessions for Tyler",
                        NURSE.getProfessionalId(),
                        today.plusWeeks(2)),
                week10);
        plan = TeamAndActions.addAction(
                plan,
                action(
                        "financial-stability",
                        "Book an appointment with the Citizens Advice debt service",
                        "adult-1",
                        today.minusWeeks(6)),
                week10);
        plan = TeamAndActions.addAction(
                plan,
                action(
                        "getting-a-good-education",
                        "Morning check-in with the class teacher",
                        LEAD.getProfessionalId(),
                        today.plusWeeks(4)),
                week10);
        return TeamAndActions.addProgress(
                plan,
                AddProgressRequest.newBuilder()
                        .setActionId("action-1")
                        .setStatus(ActionStatus.ACTION_STATUS_IN_PROGRESS)
                        .setOn(Dates.of(today.minusWeeks(5)))
                        .setNote("First three sessions attended")
                        .build(),
                stamp(NURSE, today.minusWeeks(5)));
    }

    /** Tier 3, started by Early Help, reviewed at 6 weeks, then handed to the school nurse as needs settled. */
    private static Plan transferred(LocalDate today) {
        LocalDate start = today.minusWeeks(8);
        Plan plan = PlanRules.draft(
                "fsp-demo-transferred",
                create(
                        "Okafor",
                        3,
                        Locality.LOCALITY_SOUTH,
                        List.of(
                                child("Daniel", "Okafor", today.minusYears(13).minusDays(200), ""),
                                child("Grace", "Okafor", today.minusYears(2).minusDays(30), "")),
                        List.of(adult("Chidi", "Okafor", "father"), adult("Ruth", "Okafor", "mother")),
                        List.of(
                                aspect(
                                        "secure-and-suitable-housing",
                                        "Family settled in the area",
                                        "Overcrowded flat",
                                        true),
                                aspect(
                                        "pregnancy-and-early-years",
                                        "Grace attends nursery",
                                        "Speech and language check due",
                                        true),
                                aspect(
                                        "good-family-relationships",
                                        "Warm relationships",
                                        "Arguments about Daniel's behaviour",
                                        true))),
                WORKER,
                stamp(WORKER, start.minusDays(2)));
        plan = PlanLifecycle.consent(
                plan,
                RecordConsentRequest.newBuilder()
                        .setGivenBy("adult-2")
                        .setGivenOn(Dates.of(start.minusDays(2)))
                        .build(),
                stamp(WORKER, start.minusDays(2)));
        plan = PlanLifecycle.activate(
                plan,
                ActivatePlanRequest.newBuilder().setStartDate(Dates.of(start)).build(),
                stamp(WORKER, start));
        plan = TeamAndActions.addMember(plan, member(NURSE), stamp(WORKER, start));
        plan = TeamAndActions.addAction(
                plan,
                action(
                        "secure-and-suitable-housing",
                        "Housing register application",
                        WORKER.getProfessionalId(),
                        start.plusWeeks(4)),
                stamp(WORKER, start));
        plan = TeamAndActions.addAction(
                plan,
                action(
                        "pregnancy-and-early-years",
                        "Speech and language referral for Grace",
                        NURSE.getProfessionalId(),
                        start.plusWeeks(8)),
                stamp(WORKER, start));
        Stamp review = stamp(WORKER, start.plusWeeks(6));
        plan = Reviews.start(
                plan,
                StartReviewRequest.newBuilder()
                        .setStartedOn(Dates.of(start.plusWeeks(6)))
                        .build(),
                review);
        Action housing = plan.getReviewInProgress().getActions(0).toBuilder()
                .setStatus(ActionStatus.ACTION_STATUS_DONE)
                .build();
        plan = Reviews.update(
                plan,
                UpdateReviewRequest.newBuilder()
                        .addAspects(aspect(
                                "secure-and-suitable-housing",
                                "Family settled in the area",
                                "On the housing register, band B",
                                false))
                        .addActions(housing)
                        .addActions(plan.getReviewInProgress().getActions(1))
                        .setSummary("Housing application made; early years support continues.")
                        .setFamilyViews("Ruth and Chidi feel things are calmer at home.")
                        .build(),
                review);
        plan = Reviews.complete(
                plan,
                CompleteReviewRequest.newBuilder()
                        .setCompletedOn(Dates.of(start.plusWeeks(6)))
                        .build(),
                review);
        return PlanLifecycle.transfer(
                plan,
                TransferPlanRequest.newBuilder()
                        .setTo(NURSE)
                        .setTransferDate(Dates.of(start.plusWeeks(7)))
                        .setReason("Needs now mainly health and early years; stepping down from Tier 3 support")
                        .build(),
                stamp(WORKER, start.plusWeeks(7)));
    }

    private static Plan closed(String id, String familyName, String childName, LocalDate closedOn) {
        LocalDate start = closedOn.minusWeeks(20);
        Plan plan = PlanRules.draft(
                id,
                create(
                        familyName,
                        2,
                        Locality.LOCALITY_NORTH,
                        List.of(child(
                                childName, familyName, closedOn.minusYears(11).minusDays(60), "")),
                        List.of(adult("Dan", familyName, "father")),
                        List.of(aspect("good-physical-and-mental-health", "Leo is active", "Sleep problems", true))),
                LEAD,
                stamp(LEAD, start));
        plan = PlanLifecycle.consent(
                plan,
                RecordConsentRequest.newBuilder()
                        .setGivenBy("adult-1")
                        .setGivenOn(Dates.of(start))
                        .build(),
                stamp(LEAD, start));
        plan = PlanLifecycle.activate(
                plan,
                ActivatePlanRequest.newBuilder().setStartDate(Dates.of(start)).build(),
                stamp(LEAD, start));
        return PlanLifecycle.close(
                plan,
                ClosePlanRequest.newBuilder()
                        .setOutcome(ClosureOutcome.CLOSURE_OUTCOME_NEEDS_MET)
                        .setClosedOn(Dates.of(closedOn))
                        .setNote("Sleep routine established; " + childName + " settled at school.")
                        .build(),
                stamp(LEAD, closedOn));
    }

    private static CreatePlanRequest create(
            String familyName,
            int tier,
            Locality locality,
            List<Child> children,
            List<Adult> adults,
            List<AspectAssessment> aspects) {
        return CreatePlanRequest.newBuilder()
                .setTier(tier)
                .setFamily(Family.newBuilder()
                        .setFamilyName(familyName)
                        .addAllChildren(children)
                        .addAllAdults(adults)
                        .setLanguage("English")
                        .setAddress(Address.newBuilder()
                                .addLines("1 Example Road")
                                .addLines("Portsmouth")
                                .setPostcode("PO1 1AA")
                                .setLocality(locality)))
                .addAllAspects(aspects)
                .build();
    }

    private static Child child(String given, String family, LocalDate born, String upn) {
        return Child.newBuilder()
                .setGivenName(given)
                .setFamilyName(family)
                .setDateOfBirth(Dates.of(born))
                .setUpn(upn)
                .build();
    }

    private static Adult adult(String given, String family, String relationship) {
        return Adult.newBuilder()
                .setGivenName(given)
                .setFamilyName(family)
                .setRelationship(relationship)
                .build();
    }

    private static AspectAssessment aspect(String id, String strengths, String needs, boolean focus) {
        return AspectAssessment.newBuilder()
                .setAspectId(id)
                .setStrengths(strengths)
                .setNeeds(needs)
                .setFocus(focus)
                .build();
    }

    private static Action action(String aspect, String what, String owner, LocalDate due) {
        return Action.newBuilder()
                .setAspectId(aspect)
                .setDescription(what)
                .setOwnerId(owner)
                .setDueOn(Dates.of(due))
                .build();
    }

    private static TeamMember member(Professional professional) {
        return PlanRules.asMember(professional, LocalDate.EPOCH);
    }

    private static Professional professional(String id, String name, String role, String agency) {
        return Professional.newBuilder()
                .setProfessionalId(id)
                .setName(name)
                .setRole(role)
                .setAgency(agency)
                .setEmail(name.toLowerCase().replace(' ', '.') + "@demo.example")
                .build();
    }

    private static Stamp stamp(Professional by, LocalDate on) {
        return new Stamp(by.getName(), on, on + "T10:00:00Z");
    }
}
