package uk.portsmouth.cfe.gateway.auth;

import java.util.Map;
import uk.portsmouth.cfe.gateway.http.Json;

/** A client as the LA reads it: registered through the API (with its secrets' lifetimes) or configured in gateway.yaml. */
final class ClientViews {

    private ClientViews() {}

    static Map<String, Object> view(ApiClient client) {
        Map<String, Object> view = Json.map(
                "client_id",
                client.id(),
                "name",
                client.name(),
                "roles",
                client.roles(),
                "school_urns",
                client.schoolUrns(),
                "professional_id",
                client.professionalId(),
                "contact_email",
                client.contactEmail(),
                "status",
                client.status(),
                "source",
                "api",
                "created_at",
                client.createdAt(),
                "created_by",
                client.createdBy(),
                "last_used_at",
                client.lastUsedAt(),
                "secrets",
                client.secrets().stream()
                        .map(s -> Json.map("created_at", s.createdAt(), "valid_until", s.validUntil()))
                        .toList());
        if (client.lastUsedAt().isEmpty()) {
            view.remove("last_used_at"); // never used: absent rather than an empty date-time
        }
        return view;
    }

    static Map<String, Object> configuredView(ClientRegistry.Client client) {
        return Json.map(
                "client_id",
                client.id(),
                "name",
                client.name(),
                "roles",
                client.roles(),
                "school_urns",
                client.schoolUrns(),
                "professional_id",
                client.professionalId(),
                "status",
                ApiClient.ACTIVE,
                "source",
                "configuration");
    }
}
