package uk.portsmouth.cfe.gateway.dataprotection;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import uk.portsmouth.cfe.gateway.auth.Authenticator;
import uk.portsmouth.cfe.gateway.auth.Caller;
import uk.portsmouth.cfe.gateway.http.Json;
import uk.portsmouth.cfe.gateway.http.Problems;
import uk.portsmouth.cfe.gateway.http.QueryParams;
import uk.portsmouth.cfe.platform.audit.AuditLog;
import uk.portsmouth.cfe.platform.audit.AuditSubjects;
import uk.portsmouth.cfe.platform.reference.Roles;
import uk.portsmouth.cfe.proto.common.v1.AuditOutcome;
import uk.portsmouth.cfe.proto.common.v1.AuditQuery;
import uk.portsmouth.cfe.proto.common.v1.AuditSubject;

/**
 * {@code GET /v1/audit}: the data protection officer's one view of who read or changed what, across
 * every service ({@link AuditTrails}), newest first, paged with an opaque cursor. A service that
 * does not answer is named in {@code unavailable_services} and the page is marked {@code partial}:
 * never silently incomplete. Reading the trail is itself audited.
 */
public final class AuditRoutes implements HttpService {

    /** Where the gateway mounts these routes (docs/architecture.md, "Route index"). */
    public static final String PREFIX = "/v1/audit";

    static final Set<String> DPO = Set.of(Roles.DPO);

    private final AuditTrails trails;
    private final AuditLog gatewayAudit;
    private final Authenticator authenticator;

    public AuditRoutes(AuditTrails trails, AuditLog gatewayAudit, Authenticator authenticator) {
        this.trails = trails;
        this.gatewayAudit = gatewayAudit;
        this.authenticator = authenticator;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", this::search);
    }

    private void search(ServerRequest req, ServerResponse res) {
        Caller dpo = authenticator.require(req, DPO);
        AuditQuery.Builder query = AuditQuery.newBuilder()
                .setCaller(QueryParams.text(req, "caller"))
                .setAction(QueryParams.text(req, "action"))
                .setOutcomeValue(QueryParams.closedSet(req, "outcome", AuditOutcome.getDescriptor())
                        .getNumber())
                .setFrom(instant(req, "from"))
                .setTo(instant(req, "to"))
                .setCorrelationId(QueryParams.text(req, "correlation_id"))
                .setLimit(limit(req));
        subject(req).ifPresent(query::setSubject);
        String service = QueryParams.text(req, "service");
        if (!service.isEmpty() && !trails.names().contains(service)) {
            throw Problems.invalidParameter("service", "service is one of " + String.join(", ", trails.names()));
        }
        String cursor = QueryParams.text(req, "cursor");
        AuditTrails.Found found =
                trails.search(req, dpo, query, cursor.isEmpty() ? Optional.empty() : Optional.of(cursor), service);

        gatewayAudit.record(
                authenticator.context(req, Optional.of(dpo)),
                "read-audit",
                "returned " + found.events().size()
                        + (found.unavailable().isEmpty() ? "" : "; unavailable " + found.unavailable()) + "; "
                        + req.query().rawValue(),
                query.hasSubject() ? List.of(query.getSubject()) : List.of());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("events", found.events().stream().map(Json::tree).toList());
        body.put(
                "next_cursor",
                found.more() && !found.events().isEmpty()
                        ? AuditTrails.cursorAfter(
                                found.events().get(found.events().size() - 1))
                        : null);
        body.put("partial", !found.unavailable().isEmpty());
        body.put("unavailable_services", found.unavailable());
        Json.ok(req, res, Json.write(body));
    }

    /** {@code subject=upn:A123...}: events about one child, plan, person, school... */
    private static Optional<AuditSubject> subject(ServerRequest req) {
        String value = QueryParams.text(req, "subject");
        if (value.isEmpty()) {
            return Optional.empty();
        }
        int colon = value.indexOf(':');
        if (colon <= 0 || colon == value.length() - 1) {
            throw Problems.invalidParameter("subject", "subject is kind:id, e.g. upn:A851700031001");
        }
        return Optional.of(AuditSubjects.of(value.substring(0, colon), value.substring(colon + 1)));
    }

    private static String instant(ServerRequest req, String name) {
        String value = QueryParams.text(req, name);
        if (!value.isEmpty()) {
            try {
                Instant.parse(value);
            } catch (DateTimeParseException e) {
                throw Problems.invalidParameter(name, name + " must be an RFC 3339 instant, e.g. 2026-12-01T09:00:00Z");
            }
        }
        return value;
    }

    private static int limit(ServerRequest req) {
        int limit = QueryParams.integer(req, "limit").orElse(50);
        if (limit < 1 || limit > AuditLog.MAX_LIMIT) {
            throw Problems.invalidParameter("limit", "limit is 1 to " + AuditLog.MAX_LIMIT);
        }
        return limit;
    }
}
