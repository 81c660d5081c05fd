package uk.portsmouth.cfe.attendance.outbound;

import io.grpc.StatusRuntimeException;
import java.util.concurrent.TimeUnit;
import uk.portsmouth.cfe.proto.attendance.v1.FamilyHasFsp;
import uk.portsmouth.cfe.proto.fsp.v1.FamilySupportPlanLookupGrpc.FamilySupportPlanLookupBlockingStub;
import uk.portsmouth.cfe.proto.fsp.v1.HasOpenPlanRequest;

/**
 * What the attendance service asks the FSP service: whether a child's family has an open plan,
 * asked as this service itself (the FSP service answers no one else), never the plan itself.
 */
public final class FamilyPlans {

    /** A nicety for a panel referral: it gets a short deadline of its own. */
    private static final long DEADLINE_SECONDS = 2;

    private final FamilySupportPlanLookupBlockingStub lookup;

    public FamilyPlans(FamilySupportPlanLookupBlockingStub lookup) {
        this.lookup = lookup;
    }

    /** Yes or no; unknown when the FSP service cannot say (down, slow, not deployed). */
    public FamilyHasFsp familyHasOpenPlan(String upn) {
        try {
            boolean open = lookup.withDeadlineAfter(DEADLINE_SECONDS, TimeUnit.SECONDS)
                    .hasOpenPlan(HasOpenPlanRequest.newBuilder().setUpn(upn).build())
                    .getOpenPlan();
            return open ? FamilyHasFsp.FAMILY_HAS_FSP_YES : FamilyHasFsp.FAMILY_HAS_FSP_NO;
        } catch (StatusRuntimeException e) {
            return FamilyHasFsp.FAMILY_HAS_FSP_UNKNOWN;
        }
    }
}
