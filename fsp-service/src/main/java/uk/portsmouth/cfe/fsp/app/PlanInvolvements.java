package uk.portsmouth.cfe.fsp.app;

import java.util.Comparator;
import java.util.List;
import uk.portsmouth.cfe.fsp.domain.PlanAccess;
import uk.portsmouth.cfe.fsp.store.PlanStore;
import uk.portsmouth.cfe.platform.audit.AuditLog;
import uk.portsmouth.cfe.platform.audit.AuditSubjects;
import uk.portsmouth.cfe.platform.errors.ForbiddenException;
import uk.portsmouth.cfe.platform.grpc.CallerContexts;
import uk.portsmouth.cfe.platform.reference.Roles;
import uk.portsmouth.cfe.proto.common.v1.CallerContext;
import uk.portsmouth.cfe.proto.fsp.v1.Plan;
import uk.portsmouth.cfe.proto.fsp.v1.PlanInvolvement;
import uk.portsmouth.cfe.proto.fsp.v1.PlanInvolvementRequest;
import uk.portsmouth.cfe.proto.fsp.v1.PlanStatus;

/**
 * For a pupil's overview: whether an open plan names the child. The LA and early-help managers
 * may ask about any child; a school about a child the plan records at that school. Whom to
 * contact (the co-ordinator) is shown only while the family's consent to share stands.
 */
public final class PlanInvolvements {

    private final PlanStore plans;
    private final AuditLog audit;

    public PlanInvolvements(PlanStore plans, AuditLog audit) {
        this.plans = plans;
        this.audit = audit;
    }

    public PlanInvolvement getPlanInvolvement(PlanInvolvementRequest request) {
        CallerContext caller = CallerContexts.current();
        boolean la =
                CallerContexts.hasAnyRole(caller, List.of(Roles.LA_OFFICER, Roles.LA_ADMIN, Roles.EARLY_HELP_MANAGER));
        boolean school = caller.getRolesList().contains(Roles.SCHOOL)
                && caller.getSchoolUrnsList().contains(request.getUrn());
        if (!la && !school) {
            throw new ForbiddenException("Only the LA or the pupil's school asks whether a family has a plan");
        }
        List<Plan> open = plans.withChild(request.getUpn()).stream()
                .filter(plan -> plan.getStatus() != PlanStatus.PLAN_STATUS_CLOSED)
                .filter(plan -> la || recordsChildAt(plan, request.getUpn(), request.getUrn()))
                .sorted(Comparator.comparing(Plan::getId))
                .toList();
        audit.record(
                caller,
                "read-plan-involvement",
                open.isEmpty() ? "no open plan" : "open plan",
                AuditSubjects.upn(request.getUpn()),
                AuditSubjects.school(request.getUrn()));
        if (open.isEmpty()) {
            return PlanInvolvement.getDefaultInstance();
        }
        Plan plan = open.get(0);
        PlanInvolvement.Builder involvement = PlanInvolvement.newBuilder()
                .setHasPlan(true)
                .setStatus(plan.getStatus())
                .setTier(plan.getTier())
                .setSupportsEhcp(plan.getSupportsEhcp());
        if (PlanAccess.consentStands(plan)) {
            involvement
                    .setCoordinatorName(plan.getCoordinator().getName())
                    .setCoordinatorRole(plan.getCoordinator().getRole())
                    .setCoordinatorEmail(plan.getCoordinator().getEmail());
        }
        return involvement.build();
    }

    private static boolean recordsChildAt(Plan plan, String upn, String urn) {
        return plan.getFamily().getChildrenList().stream()
                .anyMatch(child ->
                        child.getUpn().equals(upn) && child.getSchoolUrn().equals(urn));
    }
}
