package uk.portsmouth.cfe.gateway.webhooks;

import java.util.List;

/**
 * One API client's subscription: where to send which events, signed with which secrets.
 *
 * @param owner      the client that made it, as it was then (whose events it may hear)
 * @param schoolUrn  only events about this school ("" any the owner may hear)
 * @param status     active, paused (by its owner) or disabled (by the platform, after deliveries kept failing)
 * @param secrets    the signing secrets: the newest first; an older one signs too until it retires
 * @param failedInARow deliveries that failed for good since the last that succeeded
 */
record Subscription(
        String id,
        Owner owner,
        String url,
        List<String> events,
        String schoolUrn,
        String description,
        String status,
        String disabledReason,
        List<Secret> secrets,
        int failedInARow,
        String createdAt,
        String updatedAt,
        long version) {

    static final String ACTIVE = "active";
    static final String PAUSED = "paused";
    static final String DISABLED = "disabled";

    Subscription {
        events = List.copyOf(events);
        secrets = List.copyOf(secrets);
    }

    /** The client a subscription belongs to, and what it may read (its schools; the professional it acts as). */
    record Owner(String clientId, List<String> roles, List<String> schoolUrns, String professionalId) {
        Owner {
            roles = List.copyOf(roles);
            schoolUrns = List.copyOf(schoolUrns);
        }
    }

    /** A signing secret ("whsec_" + base64), and when it stops signing ("" never). */
    record Secret(String value, String createdAt, String retiresAt) {}

    Subscription with(String newStatus, String reason, int failures, String now) {
        return new Subscription(
                id,
                owner,
                url,
                events,
                schoolUrn,
                description,
                newStatus,
                reason,
                secrets,
                failures,
                createdAt,
                now,
                version);
    }
}
