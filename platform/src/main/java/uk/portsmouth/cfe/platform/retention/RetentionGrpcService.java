package uk.portsmouth.cfe.platform.retention;

import static uk.portsmouth.cfe.platform.grpc.UnaryReplies.reply;

import io.grpc.stub.StreamObserver;
import uk.portsmouth.cfe.platform.grpc.CallerContexts;
import uk.portsmouth.cfe.proto.common.v1.RetentionGrpc;
import uk.portsmouth.cfe.proto.common.v1.RetentionReport;
import uk.portsmouth.cfe.proto.common.v1.RetentionReportRequest;

/** The retention dry run, and a run now after reviewing it, for the data protection officer. */
public final class RetentionGrpcService extends RetentionGrpc.RetentionImplBase {

    private final Retention retention;

    public RetentionGrpcService(Retention retention) {
        this.retention = retention;
    }

    @Override
    public void reportRetention(RetentionReportRequest request, StreamObserver<RetentionReport> response) {
        CallerContexts.requireDataProtectionOfficer("Only the data protection officer reviews retention");
        reply(response, retention.report());
    }

    @Override
    public void runRetention(RetentionReportRequest request, StreamObserver<RetentionReport> response) {
        CallerContexts.requireDataProtectionOfficer("Only the data protection officer runs retention by hand");
        reply(response, retention.runNow());
    }
}
