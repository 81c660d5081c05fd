package uk.portsmouth.cfe.gateway.dataprotection;

import io.helidon.webserver.http.ServerRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import uk.portsmouth.cfe.gateway.auth.Authenticator;
import uk.portsmouth.cfe.gateway.http.ProblemException;
import uk.portsmouth.cfe.platform.audit.AuditLog;
import uk.portsmouth.cfe.platform.audit.AuditSubjects;
import uk.portsmouth.cfe.proto.common.v1.AuditSubject;

/**
 * Refusals the gateway makes itself (a role that may not call the route, a school's client on
 * another school's routes) are audit events too, with outcome "denied", in the gateway's trail;
 * the services record the refusals they make.
 */
public final class GatewayRefusals {

    private static final Logger LOGGER = Logger.getLogger(GatewayRefusals.class.getName());

    /** Path segments that name a subject, and its kind. */
    private static final Map<Pattern, String> SUBJECTS_IN_PATHS = Map.of(
            Pattern.compile("/schools/([0-9]{6})(?:/|$)"), AuditSubjects.SCHOOL,
            Pattern.compile("/pupils/([A-Za-z0-9]{13})(?:/|$)"), AuditSubjects.UPN,
            Pattern.compile("/fsps/(fsp-[^/]+)"), AuditSubjects.PLAN,
            Pattern.compile("/meetings/([^/]+@[^/]+)"), AuditSubjects.MEETING);

    private GatewayRefusals() {}

    /** What to do with each problem the gateway answers: record the 403s. */
    public static BiConsumer<ServerRequest, ProblemException> recorder(AuditLog audit, Authenticator authenticator) {
        return (request, problem) -> {
            if (problem.status() != 403) {
                return;
            }
            try {
                audit.denied(
                        authenticator.context(request, authenticator.verifiedCaller(request)),
                        "refused-at-gateway",
                        request.prologue().method().text() + " "
                                + request.path().path() + ": " + problem.getMessage(),
                        subjects(request.path().path()));
            } catch (RuntimeException e) {
                // the refusal stands whatever happens to its record; the failure is logged for operators
                LOGGER.log(Level.WARNING, "Could not audit a refusal", e);
            }
        };
    }

    static List<AuditSubject> subjects(String path) {
        List<AuditSubject> subjects = new ArrayList<>();
        SUBJECTS_IN_PATHS.forEach((pattern, kind) -> {
            Matcher matcher = pattern.matcher(path);
            if (matcher.find()) {
                subjects.add(AuditSubjects.of(kind, matcher.group(1)));
            }
        });
        return subjects;
    }
}
