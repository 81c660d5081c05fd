package uk.portsmouth.cfe.gateway.dataprotection;

import io.grpc.StatusRuntimeException;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import uk.portsmouth.cfe.gateway.auth.Authenticator;
import uk.portsmouth.cfe.gateway.auth.Caller;
import uk.portsmouth.cfe.gateway.http.Json;
import uk.portsmouth.cfe.gateway.http.Problems;
import uk.portsmouth.cfe.gateway.http.QueryParams;
import uk.portsmouth.cfe.platform.audit.AuditLog;
import uk.portsmouth.cfe.platform.audit.AuditSubjects;
import uk.portsmouth.cfe.platform.reference.Roles;
import uk.portsmouth.cfe.proto.common.v1.AuditEvent;
import uk.portsmouth.cfe.proto.common.v1.AuditQuery;
import uk.portsmouth.cfe.proto.common.v1.AuditSubject;
import uk.portsmouth.cfe.proto.common.v1.AuditTrailGrpc.AuditTrailBlockingStub;
import uk.portsmouth.cfe.proto.common.v1.CallerContext;

/**
 * {@code GET /v1/audit}: the data protection officer's one view of who read or changed what, across
 * every service. The gateway asks each service's trail (and reads its own) in parallel, merges the
 * answers newest first and pages with an opaque cursor. A service that does not answer is named in
 * {@code unavailable_services} and the page is marked {@code partial}: never silently incomplete.
 * Reading the trail is itself audited.
 */
public final class AuditRoutes implements HttpService {

    public static final String GATEWAY = "gateway";
    private static final Set<String> DPO = Set.of(Roles.DPO);
    private static final Set<String> OUTCOMES = Set.of(AuditLog.OK, AuditLog.DENIED, AuditLog.INVALID);
    private static final String LOWEST_ID = "000000000000000000000000";
    private static final String HIGHEST_ID = "ffffffffffffffffffffffff";

    private final Map<String, AuditTrailBlockingStub> trails;
    private final AuditLog gatewayAudit;
    private final Authenticator authenticator;
    private final ExecutorService fanOut = Executors.newVirtualThreadPerTaskExecutor();

    /** {@code trails}: each service's audit trail by service name. */
    public AuditRoutes(Map<String, AuditTrailBlockingStub> trails, AuditLog gatewayAudit, Authenticator authenticator) {
        this.trails = Map.copyOf(trails);
        this.gatewayAudit = gatewayAudit;
        this.authenticator = authenticator;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", this::search);
    }

    private void search(ServerRequest req, ServerResponse res) {
        Caller dpo = authenticator.require(req, DPO);
        CallerContext context = authenticator.context(req, Optional.of(dpo));
        AuditQuery.Builder query = AuditQuery.newBuilder()
                .setCaller(QueryParams.text(req, "caller"))
                .setAction(QueryParams.text(req, "action"))
                .setOutcome(QueryParams.text(req, "outcome"))
                .setFrom(instant(req, "from"))
                .setTo(instant(req, "to"))
                .setCorrelationId(QueryParams.text(req, "correlation_id"))
                .setLimit(limit(req));
        subject(req).ifPresent(query::setSubject);
        if (!query.getOutcome().isEmpty() && !OUTCOMES.contains(query.getOutcome())) {
            throw Problems.invalidParameter("outcome", "outcome is ok, denied or invalid");
        }
        String onlyService = QueryParams.text(req, "service");
        if (!onlyService.isEmpty() && !onlyService.equals(GATEWAY) && !trails.containsKey(onlyService)) {
            throw Problems.invalidParameter(
                    "service", "service is gateway or one of " + String.join(", ", trails.keySet()));
        }
        Optional<Cursor> cursor = Cursor.parse(QueryParams.text(req, "cursor"));

        Map<String, CompletableFuture<List<AuditEvent>>> asked = new LinkedHashMap<>();
        for (String service : services(onlyService)) {
            AuditQuery forService = cursor.map(c -> c.before(query, service)).orElse(query.build());
            Function<AuditQuery, List<AuditEvent>> ask = service.equals(GATEWAY)
                    ? gatewayAudit::search
                    : q -> authenticator
                            .on(trails.get(service), req, Optional.of(dpo))
                            .withDeadlineAfter(5, TimeUnit.SECONDS)
                            .listAuditEvents(q)
                            .getEventsList();
            asked.put(service, CompletableFuture.supplyAsync(() -> ask.apply(forService), fanOut));
        }
        List<AuditEvent> merged = new ArrayList<>();
        List<String> unavailable = new ArrayList<>();
        boolean more = false;
        for (Map.Entry<String, CompletableFuture<List<AuditEvent>>> answer : asked.entrySet()) {
            try {
                List<AuditEvent> events = answer.getValue().join();
                more |= events.size() >= query.getLimit();
                merged.addAll(events);
            } catch (RuntimeException e) {
                if (e.getCause() instanceof StatusRuntimeException grpc
                        && grpc.getStatus().getCode() == io.grpc.Status.Code.INVALID_ARGUMENT) {
                    throw Problems.from(grpc);
                }
                unavailable.add(answer.getKey());
            }
        }
        merged.sort(Cursor.NEWEST_FIRST);
        List<AuditEvent> page = merged.subList(0, Math.min(merged.size(), query.getLimit()));
        more |= merged.size() > page.size();

        gatewayAudit.record(
                context,
                "read-audit",
                "returned " + page.size() + (unavailable.isEmpty() ? "" : "; unavailable " + unavailable) + "; "
                        + req.query().rawValue(),
                query.hasSubject() ? List.of(query.getSubject()) : List.of());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("events", page.stream().map(Json::tree).toList());
        body.put("next_cursor", more && !page.isEmpty() ? Cursor.after(page.get(page.size() - 1)) : null);
        body.put("partial", !unavailable.isEmpty());
        body.put("unavailable_services", unavailable);
        Json.ok(req, res, Json.write(body));
    }

    private List<String> services(String onlyService) {
        if (!onlyService.isEmpty()) {
            return List.of(onlyService);
        }
        List<String> all = new ArrayList<>(trails.keySet());
        all.add(GATEWAY);
        return all;
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

    /**
     * Where the last page ended: its last event's time, service and id. Events are ordered by time,
     * then service, then id (each service's ids are unique and ordered); a service is asked for
     * what comes after the cursor in that order.
     */
    private record Cursor(String at, String service, String id) {

        static final Comparator<AuditEvent> NEWEST_FIRST = Comparator.comparing(
                        (AuditEvent e) -> Instant.parse(e.getAt()))
                .thenComparing(AuditEvent::getService)
                .thenComparing(AuditEvent::getId)
                .reversed();

        static String after(AuditEvent last) {
            return Base64.getUrlEncoder()
                    .withoutPadding()
                    .encodeToString((last.getAt() + "|" + last.getService() + "|" + last.getId())
                            .getBytes(StandardCharsets.UTF_8));
        }

        static Optional<Cursor> parse(String value) {
            if (value.isEmpty()) {
                return Optional.empty();
            }
            try {
                String[] parts = new String(Base64.getUrlDecoder().decode(value), StandardCharsets.UTF_8).split("\\|");
                if (parts.length == 3 && parts[2].matches("[0-9a-f]{24}")) {
                    Instant.parse(parts[0]);
                    return Optional.of(new Cursor(parts[0], parts[1], parts[2]));
                }
            } catch (IllegalArgumentException | DateTimeParseException e) {
                // answered below
            }
            throw Problems.invalidParameter("cursor", "cursor is the next_cursor of an earlier page, unchanged");
        }

        /** {@code query} for {@code service}: only events after this cursor in the merged order. */
        AuditQuery before(AuditQuery.Builder query, String service) {
            int order = service.compareTo(this.service);
            String beforeId = order < 0 ? HIGHEST_ID : order > 0 ? LOWEST_ID : id;
            return query.clone().setBeforeAt(at).setBeforeId(beforeId).build();
        }
    }
}
