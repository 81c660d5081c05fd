package uk.portsmouth.cfe.gateway.dataprotection;

import io.grpc.StatusRuntimeException;
import io.helidon.webserver.http.ServerRequest;
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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import uk.portsmouth.cfe.gateway.auth.Authenticator;
import uk.portsmouth.cfe.gateway.auth.Caller;
import uk.portsmouth.cfe.gateway.http.Problems;
import uk.portsmouth.cfe.platform.audit.AuditLog;
import uk.portsmouth.cfe.proto.common.v1.AuditEvent;
import uk.portsmouth.cfe.proto.common.v1.AuditQuery;
import uk.portsmouth.cfe.proto.common.v1.AuditTrailGrpc.AuditTrailBlockingStub;

/**
 * Every service's audit trail and the gateway's own, asked in parallel and merged newest first.
 * Events are ordered by time, then service, then id (each service's ids are unique and ordered),
 * so a cursor names exactly where a page ended in every trail. A trail that does not answer is
 * reported, never silently left out.
 */
public final class AuditTrails {

    public static final String GATEWAY = "gateway";
    private static final String LOWEST_ID = "000000000000000000000000";
    private static final String HIGHEST_ID = "ffffffffffffffffffffffff";
    private static final Comparator<AuditEvent> NEWEST_FIRST = Comparator.comparing(
                    (AuditEvent e) -> Instant.parse(e.getAt()))
            .thenComparing(AuditEvent::getService)
            .thenComparing(AuditEvent::getId)
            .reversed();

    /** One merged page: its events, whether more follow, and the trails that did not answer. */
    public record Found(List<AuditEvent> events, boolean more, List<String> unavailable) {}

    private final Map<String, AuditTrailBlockingStub> trails;
    private final AuditLog gatewayAudit;
    private final Authenticator authenticator;
    private final ExecutorService fanOut = Executors.newVirtualThreadPerTaskExecutor();

    /** {@code trails}: each service's audit trail by service name. */
    public AuditTrails(Map<String, AuditTrailBlockingStub> trails, AuditLog gatewayAudit, Authenticator authenticator) {
        this.trails = Map.copyOf(trails);
        this.gatewayAudit = gatewayAudit;
        this.authenticator = authenticator;
    }

    /** The names {@code service=} takes. */
    public List<String> names() {
        List<String> all = new ArrayList<>(trails.keySet());
        all.add(GATEWAY);
        return all;
    }

    /** The newest {@code query.limit} events after {@code cursor} (if any), in {@code onlyService} ("" for all). */
    public Found search(
            ServerRequest req, Caller dpo, AuditQuery.Builder query, Optional<String> cursor, String onlyService) {
        Optional<Position> after = cursor.map(Position::parse);
        Map<String, CompletableFuture<List<AuditEvent>>> asked = new LinkedHashMap<>();
        for (String service : onlyService.isEmpty() ? names() : List.of(onlyService)) {
            AuditQuery forService = after.map(p -> p.before(query, service)).orElse(query.build());
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
        merged.sort(NEWEST_FIRST);
        List<AuditEvent> page = List.copyOf(merged.subList(0, Math.min(merged.size(), query.getLimit())));
        return new Found(page, more || merged.size() > page.size(), unavailable);
    }

    /** The cursor that continues after {@code last}. */
    public static String cursorAfter(AuditEvent last) {
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(
                        (last.getAt() + "|" + last.getService() + "|" + last.getId()).getBytes(StandardCharsets.UTF_8));
    }

    /** Where a page ended: its last event's time, service and id. */
    private record Position(String at, String service, String id) {

        static Position parse(String cursor) {
            try {
                String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\\|");
                if (parts.length == 3 && parts[2].matches("[0-9a-f]{24}")) {
                    Instant.parse(parts[0]);
                    return new Position(parts[0], parts[1], parts[2]);
                }
            } catch (IllegalArgumentException | DateTimeParseException e) {
                // answered below
            }
            throw Problems.invalidParameter("cursor", "cursor is the next_cursor of an earlier page, unchanged");
        }

        /** {@code query} for {@code service}: only events after this position in the merged order. */
        AuditQuery before(AuditQuery.Builder query, String service) {
            int order = service.compareTo(this.service);
            String beforeId = order < 0 ? HIGHEST_ID : order > 0 ? LOWEST_ID : id;
            return query.clone().setBeforeAt(at).setBeforeId(beforeId).build();
        }
    }
}
