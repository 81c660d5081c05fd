package uk.portsmouth.cfe.fsp.app;

import java.util.List;
import uk.portsmouth.cfe.fsp.store.PlanStore;
import uk.portsmouth.cfe.fsp.store.ProfessionalStore;
import uk.portsmouth.cfe.platform.audit.SubjectAccessGrpcService;
import uk.portsmouth.cfe.platform.audit.SubjectRecordSets;
import uk.portsmouth.cfe.proto.common.v1.KnownAs;
import uk.portsmouth.cfe.proto.common.v1.SignedInPerson;
import uk.portsmouth.cfe.proto.common.v1.SubjectAccessRequest;
import uk.portsmouth.cfe.proto.common.v1.SubjectRecords;
import uk.portsmouth.cfe.proto.fsp.v1.Child;
import uk.portsmouth.cfe.proto.fsp.v1.Plan;

/**
 * Every Family Support Plan a child (by UPN) or a person ("plan-id/person-id") appears in, whole:
 * the family, consent, team, aspects, actions and progress, reviews, closure. A person found by
 * id brings the UPN of the child they are, if known, so the other services can be asked as well.
 * A person who signs in: their entry in the directory of professionals, when it names their sign-in.
 */
public final class FamilyRecords implements SubjectAccessGrpcService.Source {

    private final PlanStore plans;
    private final ProfessionalStore professionals;

    public FamilyRecords(PlanStore plans, ProfessionalStore professionals) {
        this.plans = plans;
        this.professionals = professionals;
    }

    @Override
    public SubjectRecords findSignedIn(SignedInPerson person) {
        return SubjectRecords.newBuilder()
                .setService("fsp-service")
                .addSets(SubjectRecordSets.of(
                        "professional_directory_entry",
                        "The person's entry in the directory of professionals (name, role, agency, contact details,"
                                + " sign-ins)",
                        professionals.findBySignIn(person.getIssuer() + " " + person.getSubject()).stream()
                                .toList()))
                .build();
    }

    @Override
    public SubjectRecords find(SubjectAccessRequest request) {
        SubjectRecords.Builder records = SubjectRecords.newBuilder().setService("fsp-service");
        List<Plan> found;
        if (!request.getUpn().isEmpty()) {
            found = plans.withChild(request.getUpn());
            records.addUpns(request.getUpn());
            found.forEach(plan -> plan.getFamily().getChildrenList().stream()
                    .filter(child -> child.getUpn().equals(request.getUpn()))
                    .forEach(child -> records.addKnownAs(knownAs(child))));
        } else if (request.getPersonId().isEmpty()) {
            return records.build(); // asked by name alone: plans know people by plan and UPN
        } else {
            String[] planAndPerson = request.getPersonId().split("/", 2);
            found = plans.find(planAndPerson[0])
                    .map(stored -> stored.body())
                    .filter(plan -> planAndPerson.length == 2 && isIn(plan, planAndPerson[1]))
                    .map(List::of)
                    .orElse(List.of());
            found.forEach(plan -> plan.getFamily().getChildrenList().stream()
                    .filter(child -> child.getId().equals(planAndPerson[1])
                            && !child.getUpn().isEmpty())
                    .forEach(child -> records.addUpns(child.getUpn()).addKnownAs(knownAs(child))));
        }
        return records.addSets(SubjectRecordSets.of(
                        "family_support_plans",
                        "Family Support Plans the person appears in, with their history",
                        found))
                .build();
    }

    private static KnownAs knownAs(Child child) {
        return KnownAs.newBuilder()
                .setGivenName(child.getGivenName())
                .setFamilyName(child.getFamilyName())
                .setDateOfBirth(child.getDateOfBirth())
                .build();
    }

    private static boolean isIn(Plan plan, String personId) {
        return plan.getFamily().getChildrenList().stream()
                        .anyMatch(c -> c.getId().equals(personId))
                || plan.getFamily().getAdultsList().stream()
                        .anyMatch(a -> a.getId().equals(personId));
    }
}
