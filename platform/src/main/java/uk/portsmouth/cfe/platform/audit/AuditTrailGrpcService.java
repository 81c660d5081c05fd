package uk.portsmouth.cfe.platform.audit;

import static uk.portsmouth.cfe.platform.grpc.UnaryReplies.reply;

import io.grpc.stub.StreamObserver;
import uk.portsmouth.cfe.platform.grpc.CallerContexts;
import uk.portsmouth.cfe.proto.common.v1.AuditEventList;
import uk.portsmouth.cfe.proto.common.v1.AuditQuery;
import uk.portsmouth.cfe.proto.common.v1.AuditTrailGrpc;

/**
 * A service's own audit trail, for the data protection officer only (through the gateway, which
 * merges every service's). Asking is itself audited, by the gateway that asked.
 */
public final class AuditTrailGrpcService extends AuditTrailGrpc.AuditTrailImplBase {

    private final AuditLog audit;

    public AuditTrailGrpcService(AuditLog audit) {
        this.audit = audit;
    }

    @Override
    public void listAuditEvents(AuditQuery request, StreamObserver<AuditEventList> response) {
        CallerContexts.requireDataProtectionOfficer("Only the data protection officer reads the audit trail");
        reply(
                response,
                AuditEventList.newBuilder().addAllEvents(audit.search(request)).build());
    }
}
