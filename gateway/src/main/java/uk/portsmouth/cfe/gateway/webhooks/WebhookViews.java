package uk.portsmouth.cfe.gateway.webhooks;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;

/** Subscriptions and deliveries as the API shows them (never a secret: it is shown once, when made). */
final class WebhookViews {

    private WebhookViews() {}

    static Map<String, Object> view(Subscription s) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", s.id());
        view.put("url", s.url());
        view.put("events", s.events());
        view.put("school_urn", s.schoolUrn());
        view.put("description", s.description());
        view.put("status", s.status());
        view.put("disabled_reason", s.disabledReason());
        view.put("failed_deliveries_in_a_row", s.failedInARow());
        view.put("client_id", s.owner().clientId());
        view.put(
                "secrets",
                s.secrets().stream()
                        .map(secret -> Map.of("created_at", secret.createdAt(), "retires_at", secret.retiresAt()))
                        .toList());
        view.put("created_at", s.createdAt());
        view.put("updated_at", s.updatedAt());
        view.put("version", s.version());
        return view;
    }

    static Map<String, Object> delivery(Document d) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", d.getString("_id"));
        view.put("event_id", d.getString("event_id"));
        view.put("event_type", d.getString("event_type"));
        view.put("status", d.getString("status"));
        view.put("created_at", d.getString("created_at"));
        view.put(
                "next_attempt_at",
                d.getString("status").equals(Deliveries.PENDING) ? d.getString("next_attempt_at") : "");
        view.put(
                "attempts",
                d.getList("attempts", Document.class, List.of()).stream()
                        .map(a -> Map.of(
                                "at", a.getString("at"),
                                "status", a.get("status", Number.class).intValue(),
                                "latency_ms", a.get("latency_ms", Number.class).longValue(),
                                "error", a.getString("error")))
                        .toList());
        return view;
    }
}
