package uk.portsmouth.cfe.platform.grpc;

import io.grpc.MethodDescriptor;
import io.grpc.ServiceDescriptor;
import java.util.List;
import java.util.Map;
import uk.portsmouth.cfe.proto.attendance.v1.AttendanceServiceGrpc;
import uk.portsmouth.cfe.proto.attendance.v1.CaseworkServiceGrpc;
import uk.portsmouth.cfe.proto.attendance.v1.RollRemovalServiceGrpc;
import uk.portsmouth.cfe.proto.attendance.v1.SchoolRegistryGrpc;
import uk.portsmouth.cfe.proto.common.v1.AuditTrailGrpc;
import uk.portsmouth.cfe.proto.common.v1.RetentionGrpc;
import uk.portsmouth.cfe.proto.common.v1.SubjectAccessGrpc;
import uk.portsmouth.cfe.proto.contacts.v1.ContactsServiceGrpc;
import uk.portsmouth.cfe.proto.contacts.v1.MeetingsServiceGrpc;
import uk.portsmouth.cfe.proto.contacts.v1.SchoolContactsServiceGrpc;
import uk.portsmouth.cfe.proto.directory.v1.DirectoryServiceGrpc;
import uk.portsmouth.cfe.proto.fsp.v1.FamilySupportPlanLookupGrpc;
import uk.portsmouth.cfe.proto.fsp.v1.FamilySupportPlansGrpc;
import uk.portsmouth.cfe.proto.fsp.v1.ProfessionalDirectoryGrpc;

/**
 * The gRPC service config every channel starts with: calls spread round-robin over every instance the
 * target names (the addresses of a headless Service, or a {@code list:///} target), and reads retried
 * on another instance when one was unavailable (an instance stopping, a pod replaced). Writes are not
 * retried here: a write that may have reached a service is the caller's to retry, with its
 * {@code Idempotency-Key}; gRPC itself retries only calls that never left the client.
 */
final class ChannelServiceConfig {

    /** Method names that only read: retrying one twice changes nothing. */
    private static final List<String> READ_VERBS = List.of("Get", "List", "Search", "Find", "Has", "Suggest");

    private static final List<ServiceDescriptor> SERVICES = List.of(
            DirectoryServiceGrpc.getServiceDescriptor(),
            ContactsServiceGrpc.getServiceDescriptor(),
            MeetingsServiceGrpc.getServiceDescriptor(),
            SchoolContactsServiceGrpc.getServiceDescriptor(),
            AttendanceServiceGrpc.getServiceDescriptor(),
            SchoolRegistryGrpc.getServiceDescriptor(),
            CaseworkServiceGrpc.getServiceDescriptor(),
            RollRemovalServiceGrpc.getServiceDescriptor(),
            FamilySupportPlansGrpc.getServiceDescriptor(),
            ProfessionalDirectoryGrpc.getServiceDescriptor(),
            FamilySupportPlanLookupGrpc.getServiceDescriptor(),
            AuditTrailGrpc.getServiceDescriptor(),
            RetentionGrpc.getServiceDescriptor(),
            SubjectAccessGrpc.getServiceDescriptor());

    private ChannelServiceConfig() {}

    /** The service config as gRPC takes it (JSON-shaped maps; numbers as doubles). */
    static Map<String, Object> serviceConfig() {
        List<Map<String, Object>> reads = SERVICES.stream()
                .flatMap(service -> service.getMethods().stream())
                .filter(ChannelServiceConfig::isRead)
                .<Map<String, Object>>map(
                        method -> Map.of("service", method.getServiceName(), "method", method.getBareMethodName()))
                .toList();
        Map<String, Object> retryReads = Map.of(
                "name",
                reads,
                "retryPolicy",
                Map.of(
                        "maxAttempts",
                        3.0,
                        "initialBackoff",
                        "0.05s",
                        "maxBackoff",
                        "0.5s",
                        "backoffMultiplier",
                        2.0,
                        "retryableStatusCodes",
                        List.of("UNAVAILABLE")));
        return Map.of(
                "loadBalancingConfig", List.of(Map.of("round_robin", Map.of())),
                "methodConfig", List.of(retryReads));
    }

    static boolean isRead(MethodDescriptor<?, ?> method) {
        return method.getType() == MethodDescriptor.MethodType.UNARY
                && READ_VERBS.stream()
                        .anyMatch(verb -> method.getBareMethodName().startsWith(verb));
    }
}
