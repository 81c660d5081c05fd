package uk.portsmouth.cfe.fsp.domain;

import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import uk.portsmouth.cfe.platform.errors.ConflictException;
import uk.portsmouth.cfe.platform.errors.FieldChecks;
import uk.portsmouth.cfe.platform.identifiers.Upns;
import uk.portsmouth.cfe.platform.proto.ClosedSets;
import uk.portsmouth.cfe.platform.proto.Dates;
import uk.portsmouth.cfe.platform.reference.AspectsOfLife;
import uk.portsmouth.cfe.platform.reference.Localities;
import uk.portsmouth.cfe.proto.common.v1.Locality;
import uk.portsmouth.cfe.proto.fsp.v1.Adult;
import uk.portsmouth.cfe.proto.fsp.v1.AspectAssessment;
import uk.portsmouth.cfe.proto.fsp.v1.Child;
import uk.portsmouth.cfe.proto.fsp.v1.CreatePlanRequest;
import uk.portsmouth.cfe.proto.fsp.v1.Family;
import uk.portsmouth.cfe.proto.fsp.v1.Plan;
import uk.portsmouth.cfe.proto.fsp.v1.PlanStatus;
import uk.portsmouth.cfe.proto.fsp.v1.Professional;
import uk.portsmouth.cfe.proto.fsp.v1.RouteIn;
import uk.portsmouth.cfe.proto.fsp.v1.TeamMember;
import uk.portsmouth.cfe.proto.fsp.v1.TeamMemberKind;
import uk.portsmouth.cfe.proto.fsp.v1.TierChange;
import uk.portsmouth.cfe.proto.fsp.v1.UpdatePlanRequest;

/**
 * What a plan holds and how it is checked: the family (children, adults, address, language), the
 * tier of need, and the 10 aspects of life. A draft is created here; its life after that is in
 * {@link PlanLifecycle}, its team and actions in {@link TeamAndActions}, its reviews in {@link Reviews}.
 */
public final class PlanRules {

    private static final Pattern POSTCODE = Pattern.compile("^[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2}$");
    private static final Pattern URN = Pattern.compile("^[0-9]{6,7}$");
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");

    private PlanRules() {}

    static boolean isEmail(String value) {
        return EMAIL.matcher(value).matches();
    }

    /** A new draft plan, co-ordinated by {@code coordinator}, who is the first member of its team. */
    public static Plan draft(String id, CreatePlanRequest request, Professional coordinator, Stamp stamp) {
        FieldChecks checks = new FieldChecks();
        Family family = family(request.getFamily(), Family.getDefaultInstance(), "/family", checks, stamp.today());
        tier(request.getTier(), "/tier", checks);
        List<AspectAssessment> aspects = aspects(request.getAspectsList(), List.of(), "/aspects", checks);
        professional(coordinator, "/coordinator", checks);
        checks.throwIfAny("The plan has bad fields");
        return Plan.newBuilder()
                .setId(id)
                .setStatus(PlanStatus.PLAN_STATUS_DRAFT)
                .setFamily(family)
                .setTier(request.getTier())
                .addTierHistory(TierChange.newBuilder()
                        .setTier(request.getTier())
                        .setFrom(stamp.today().toString())
                        .setBy(stamp.by())
                        .setReason("plan created"))
                .setSupportsEhcp(request.getSupportsEhcp())
                .setRouteIn(ClosedSets.given(request.getRouteIn()) ? request.getRouteIn() : RouteIn.ROUTE_IN_NEW)
                .addAllAspects(aspects)
                .setCoordinator(coordinator)
                .addTeam(asMember(coordinator, stamp.today()))
                .setCreatedOn(Dates.of(stamp.today()))
                .addHistory(stamp.history("created", "draft plan, co-ordinator " + coordinator.getName()))
                .build();
    }

    /** The plan with its family, tier, EHCP flag and aspects replaced (a tier change is kept in its history). */
    public static Plan update(Plan plan, UpdatePlanRequest request, Stamp stamp) {
        if (plan.getStatus() == PlanStatus.PLAN_STATUS_CLOSED) {
            throw new ConflictException("/status", "a closed plan cannot be changed; reopen it first");
        }
        FieldChecks checks = new FieldChecks();
        Family family = family(request.getFamily(), plan.getFamily(), "/family", checks, stamp.today());
        tier(request.getTier(), "/tier", checks);
        List<AspectAssessment> aspects = aspects(request.getAspectsList(), plan.getAspectsList(), "/aspects", checks);
        boolean tierChanged = request.getTier() != plan.getTier();
        if (tierChanged && request.getTierReason().isBlank()) {
            checks.fail("/tier_reason", "say why the tier of need changes");
        }
        checks.throwIfAny("The plan has bad fields");
        Plan.Builder next = plan.toBuilder()
                .setFamily(family)
                .setSupportsEhcp(request.getSupportsEhcp())
                .clearAspects()
                .addAllAspects(aspects)
                .addHistory(stamp.history("updated", Changes.describe(plan, family, aspects)));
        if (tierChanged) {
            next.setTier(request.getTier())
                    .addTierHistory(TierChange.newBuilder()
                            .setTier(request.getTier())
                            .setFrom(stamp.today().toString())
                            .setBy(stamp.by())
                            .setReason(request.getTierReason().strip()))
                    .addHistory(stamp.history(
                            "tier changed",
                            plan.getTier() + " -> " + request.getTier() + ": "
                                    + request.getTierReason().strip()));
        }
        return next.build();
    }

    /** The co-ordinator as a team member. */
    public static TeamMember asMember(Professional professional, LocalDate on) {
        return TeamMember.newBuilder()
                .setMemberId(professional.getProfessionalId())
                .setKind(TeamMemberKind.TEAM_MEMBER_KIND_PROFESSIONAL)
                .setName(professional.getName())
                .setRole(professional.getRole())
                .setAgency(professional.getAgency())
                .setEmail(professional.getEmail())
                .setAddedOn(Dates.of(on))
                .build();
    }

    static void tier(int tier, String field, FieldChecks checks) {
        if (tier != 2 && tier != 3) {
            checks.fail(field, "tier must be 2 (Additional) or 3 (Targeted); Tier 4 is social care, not an FSP");
        }
    }

    static void professional(Professional professional, String field, FieldChecks checks) {
        checks.require(professional.getProfessionalId(), field + "/professional_id", "the professional's id");
        checks.require(professional.getName(), field + "/name", "the professional's name");
        if (!professional.getEmail().isEmpty()
                && !EMAIL.matcher(professional.getEmail()).matches()) {
            checks.fail(field + "/email", "must be an email address");
        }
    }

    /**
     * The family as given, checked, with ids: a child or adult keeps the id it was sent with (ids
     * of {@code current}), a new one gets the next free id, so actions owned by family members survive edits.
     */
    static Family family(Family given, Family current, String field, FieldChecks checks, LocalDate today) {
        checks.require(given.getFamilyName(), field + "/family_name", "the family's name");
        if (given.getChildrenCount() == 0) {
            checks.fail(field + "/children", "a plan is for at least one child");
        }
        Set<String> knownIds = new HashSet<>();
        current.getChildrenList().forEach(c -> knownIds.add(c.getId()));
        current.getAdultsList().forEach(a -> knownIds.add(a.getId()));
        Set<String> used = new HashSet<>();
        Family.Builder family = given.toBuilder().clearChildren().clearAdults();
        for (int i = 0; i < given.getChildrenCount(); i++) {
            Child child = given.getChildren(i);
            String at = field + "/children/" + i;
            checks.require(child.getGivenName(), at + "/given_name", "the child's given name");
            checks.require(child.getFamilyName(), at + "/family_name", "the child's family name");
            checks.pastDate(child.getDateOfBirth(), at + "/date_of_birth", true, today);
            if (!child.getUpn().isEmpty() && !Upns.isValid(child.getUpn())) {
                checks.fail(at + "/upn", "not a valid UPN (13 characters with a correct check letter)");
            }
            if (!child.getSchoolUrn().isEmpty()
                    && !URN.matcher(child.getSchoolUrn()).matches()) {
                checks.fail(at + "/school_urn", "a school URN is 6 or 7 digits");
            }
            family.addChildren(
                    child.toBuilder().setId(id(child.getId(), "child-", knownIds, used, at + "/id", checks)));
        }
        for (int i = 0; i < given.getAdultsCount(); i++) {
            Adult adult = given.getAdults(i);
            String at = field + "/adults/" + i;
            checks.require(adult.getGivenName(), at + "/given_name", "the adult's given name");
            checks.require(adult.getFamilyName(), at + "/family_name", "the adult's family name");
            checks.require(adult.getRelationship(), at + "/relationship", "the adult's relationship to the children");
            if (!adult.getEmail().isEmpty() && !EMAIL.matcher(adult.getEmail()).matches()) {
                checks.fail(at + "/email", "must be an email address");
            }
            family.addAdults(adult.toBuilder().setId(id(adult.getId(), "adult-", knownIds, used, at + "/id", checks)));
        }
        String postcode = given.getAddress().getPostcode().strip().toUpperCase();
        if (!postcode.isEmpty() && !POSTCODE.matcher(postcode).matches()) {
            checks.fail(field + "/address/postcode", "not a UK postcode, e.g. PO1 2AB");
        }
        Locality locality = given.getAddress().getLocality();
        if (given.getAddress().getLocalityValue() != 0 && !Localities.isArea(locality)) {
            checks.fail(field + "/address/locality", Localities.AREA_RULE);
        }
        family.getAddressBuilder().setPostcode(postcode);
        return family.build();
    }

    private static String id(
            String given, String prefix, Set<String> known, Set<String> used, String field, FieldChecks checks) {
        if (!given.isEmpty()) {
            if (!known.contains(given) || !used.add(given)) {
                checks.fail(field, "unknown or repeated id " + given + " (leave it out for someone new)");
            }
            return given;
        }
        int n = 1;
        while (known.contains(prefix + n) || used.contains(prefix + n)) {
            n++;
        }
        used.add(prefix + n);
        return prefix + n;
    }

    /**
     * All 10 aspects in the FSP's order: those given replace the current ones, the rest stay (blank
     * on a new plan). An unknown or repeated aspect id is named with its index.
     */
    public static List<AspectAssessment> aspects(
            List<AspectAssessment> given, List<AspectAssessment> current, String field, FieldChecks checks) {
        Map<String, AspectAssessment> bySlug = new LinkedHashMap<>();
        AspectsOfLife.ALL.forEach(a -> bySlug.put(
                a.slug(),
                AspectAssessment.newBuilder()
                        .setAspectId(a.slug())
                        .setAspectName(a.name())
                        .build()));
        current.forEach(a -> bySlug.put(a.getAspectId(), a));
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < given.size(); i++) {
            AspectAssessment aspect = given.get(i);
            var known = AspectsOfLife.bySlug(aspect.getAspectId());
            if (known.isEmpty()) {
                checks.fail(field + "/" + i + "/aspect_id", "unknown aspect of life '" + aspect.getAspectId() + "'");
            } else if (!seen.add(aspect.getAspectId())) {
                checks.fail(field + "/" + i + "/aspect_id", "aspect " + aspect.getAspectId() + " is given twice");
            } else {
                bySlug.put(
                        aspect.getAspectId(),
                        aspect.toBuilder().setAspectName(known.get().name()).build());
            }
        }
        return new ArrayList<>(bySlug.values());
    }

    /** The ages (in whole years, on {@code today}) of the plan's children. */
    public static List<Integer> childAges(Plan plan, LocalDate today) {
        return plan.getFamily().getChildrenList().stream()
                .filter(c -> Dates.given(c.getDateOfBirth()))
                .map(c -> Period.between(Dates.toLocalDate(c.getDateOfBirth()), today)
                        .getYears())
                .distinct()
                .toList();
    }
}
