package uk.portsmouth.cfe.platform.audit;

import static uk.portsmouth.cfe.platform.grpc.UnaryReplies.reply;

import io.grpc.stub.StreamObserver;
import uk.portsmouth.cfe.platform.errors.InvalidInputException;
import uk.portsmouth.cfe.platform.grpc.CallerContexts;
import uk.portsmouth.cfe.platform.identifiers.Upns;
import uk.portsmouth.cfe.proto.common.v1.CallerContext;
import uk.portsmouth.cfe.proto.common.v1.SubjectAccessGrpc;
import uk.portsmouth.cfe.proto.common.v1.SubjectAccessRequest;
import uk.portsmouth.cfe.proto.common.v1.SubjectRecords;

/**
 * Everything a service holds about one child (by UPN) or one person in a plan, for the data
 * protection officer only (through the gateway, which gathers every service's answer). The
 * service's own use case finds the records; finding them is audited here.
 */
public final class SubjectAccessGrpcService extends SubjectAccessGrpc.SubjectAccessImplBase {

    /** A service's records about a subject (a use case in its app layer). */
    public interface Source {
        SubjectRecords find(SubjectAccessRequest request);
    }

    private final Source source;
    private final AuditLog audit;

    public SubjectAccessGrpcService(Source source, AuditLog audit) {
        this.source = source;
        this.audit = audit;
    }

    @Override
    public void findSubjectRecords(SubjectAccessRequest request, StreamObserver<SubjectRecords> response) {
        CallerContext caller = CallerContexts.requireDataProtectionOfficer(
                "Only the data protection officer answers subject access requests");
        if (request.getUpn().isEmpty() == request.getPersonId().isEmpty()) {
            throw InvalidInputException.of("upn", "give either upn or person_id");
        }
        if (!request.getUpn().isEmpty() && !Upns.isValid(request.getUpn())) {
            throw InvalidInputException.of("upn", "not a valid UPN (13 characters with a correct check letter)");
        }
        SubjectRecords records = source.find(request);
        int found = records.getSetsList().stream()
                .mapToInt(s -> s.getRecordsCount())
                .sum();
        audit.record(
                caller,
                "subject-access",
                found + " records",
                request.getUpn().isEmpty()
                        ? AuditSubjects.person(request.getPersonId())
                        : AuditSubjects.upn(request.getUpn()));
        reply(response, records);
    }
}
