package uk.portsmouth.cfe.fsp.app;

import uk.portsmouth.cfe.fsp.store.PlanStore;
import uk.portsmouth.cfe.platform.audit.AuditLog;
import uk.portsmouth.cfe.platform.audit.AuditSubjects;
import uk.portsmouth.cfe.platform.errors.InvalidInputException;
import uk.portsmouth.cfe.platform.grpc.CallerContexts;
import uk.portsmouth.cfe.platform.grpc.PlatformServices;
import uk.portsmouth.cfe.platform.identifiers.Upns;
import uk.portsmouth.cfe.proto.common.v1.CallerContext;
import uk.portsmouth.cfe.proto.fsp.v1.HasOpenPlanReply;
import uk.portsmouth.cfe.proto.fsp.v1.HasOpenPlanRequest;

/**
 * What other services may ask of the FSP service: whether a child's family has an open plan, a
 * yes or no for the attendance service only (School Attendance Panel referrals). A plan whose
 * consent was withdrawn is not shared, so it answers no; the plan itself never leaves.
 */
public final class OpenPlanLookup {

    private final PlanStore plans;
    private final AuditLog audit;

    public OpenPlanLookup(PlanStore plans, AuditLog audit) {
        this.plans = plans;
        this.audit = audit;
    }

    public HasOpenPlanReply hasOpenPlan(HasOpenPlanRequest request) {
        CallerContext caller = CallerContexts.requireService(
                PlatformServices.ATTENDANCE.serviceName(),
                "Only the attendance service asks whether a family has a plan");
        if (!Upns.isValid(request.getUpn())) {
            throw InvalidInputException.of("upn", "not a valid UPN");
        }
        boolean open = plans.hasOpenPlan(request.getUpn());
        audit.record(caller, "has-open-plan", open ? "yes" : "no", AuditSubjects.upn(request.getUpn()));
        return HasOpenPlanReply.newBuilder().setOpenPlan(open).build();
    }
}
