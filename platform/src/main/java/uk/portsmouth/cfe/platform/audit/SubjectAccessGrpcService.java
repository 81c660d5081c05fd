package uk.portsmouth.cfe.platform.audit;

import static uk.portsmouth.cfe.platform.grpc.UnaryReplies.reply;

import io.grpc.stub.StreamObserver;
import java.util.List;
import uk.portsmouth.cfe.platform.errors.InvalidInputException;
import uk.portsmouth.cfe.platform.grpc.CallerContexts;
import uk.portsmouth.cfe.platform.identifiers.Upns;
import uk.portsmouth.cfe.platform.proto.Dates;
import uk.portsmouth.cfe.platform.reference.TextLimits;
import uk.portsmouth.cfe.proto.common.v1.CallerContext;
import uk.portsmouth.cfe.proto.common.v1.KnownAs;
import uk.portsmouth.cfe.proto.common.v1.SignedInPerson;
import uk.portsmouth.cfe.proto.common.v1.SubjectAccessGrpc;
import uk.portsmouth.cfe.proto.common.v1.SubjectAccessRequest;
import uk.portsmouth.cfe.proto.common.v1.SubjectRecords;

/**
 * Everything a service holds about one child (by UPN, or by the names and birth dates other
 * services gave the child) or one person in a plan, for the data
 * protection officer only (through the gateway, which gathers every service's answer). The
 * service's own use case finds the records; finding them is audited here.
 */
public final class SubjectAccessGrpcService extends SubjectAccessGrpc.SubjectAccessImplBase {

    /** More than a child's enrolments and plans ever give one child. */
    private static final int MAX_KNOWN_AS = 50;

    /** A service's records about a subject (a use case in its app layer). */
    public interface Source {
        SubjectRecords find(SubjectAccessRequest request);

        /**
         * What a person who signs in through an identity provider made here that holds their
         * personal data (a meeting registration, a booking, their directory entry); none by default.
         */
        default SubjectRecords findSignedIn(SignedInPerson person) {
            return SubjectRecords.getDefaultInstance();
        }
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
        if (request.hasSignedIn()) {
            reply(response, signedIn(caller, request));
            return;
        }
        boolean byName = request.getUpn().isEmpty() && request.getPersonId().isEmpty();
        if (!request.getUpn().isEmpty() && !request.getPersonId().isEmpty()) {
            throw InvalidInputException.of("upn", "give either upn or person_id");
        }
        if (!byName && request.getKnownAsCount() > 0) {
            throw InvalidInputException.of("known_as", "names are asked alone, after the upn or person_id");
        }
        checkKnownAs(request.getKnownAsList());
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
                byName
                        ? AuditSubjects.of("known_as", request.getKnownAsCount() + " names and birth dates")
                        : request.getUpn().isEmpty()
                                ? AuditSubjects.person(request.getPersonId())
                                : AuditSubjects.upn(request.getUpn()));
        reply(response, records);
    }

    private SubjectRecords signedIn(CallerContext caller, SubjectAccessRequest request) {
        SignedInPerson person = request.getSignedIn();
        if (!request.getUpn().isEmpty() || !request.getPersonId().isEmpty() || request.getKnownAsCount() > 0) {
            throw InvalidInputException.of("signed_in", "a signed-in person is asked alone");
        }
        if (person.getIssuer().isBlank() || person.getIssuer().length() > TextLimits.URL) {
            throw InvalidInputException.of(
                    "signed_in/issuer", "the person's identity provider (its issuer) is required");
        }
        if (person.getSubject().isBlank() || person.getSubject().length() > TextLimits.NAME) {
            throw InvalidInputException.of("signed_in/subject", "the person's subject at their provider is required");
        }
        SubjectRecords records = source.findSignedIn(person);
        audit.record(
                caller,
                "subject-access",
                records.getSetsList().stream()
                                .mapToInt(s -> s.getRecordsCount())
                                .sum() + " records; signed in through " + person.getIssuer(),
                AuditSubjects.user(person.getSubject()));
        return records;
    }

    private static void checkKnownAs(List<KnownAs> knownAs) {
        if (knownAs.size() > MAX_KNOWN_AS) {
            throw InvalidInputException.of("known_as", "at most " + MAX_KNOWN_AS + " names and birth dates");
        }
        for (int i = 0; i < knownAs.size(); i++) {
            KnownAs child = knownAs.get(i);
            if (child.getGivenName().length() > TextLimits.NAME
                    || child.getFamilyName().length() > TextLimits.NAME) {
                throw InvalidInputException.of("known_as/" + i, "a name is at most " + TextLimits.NAME + " characters");
            }
            if (!Dates.given(child.getDateOfBirth())) {
                throw InvalidInputException.of("known_as/" + i + "/date_of_birth", "a date of birth is required");
            }
        }
    }
}
