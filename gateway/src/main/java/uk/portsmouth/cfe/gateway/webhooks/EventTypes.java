package uk.portsmouth.cfe.gateway.webhooks;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import uk.portsmouth.cfe.platform.events.PlatformEventTypes;
import uk.portsmouth.cfe.platform.reference.Roles;
import uk.portsmouth.cfe.proto.common.v1.PlatformEvent;

/**
 * The event types a subscription may name (the services' in {@link PlatformEventTypes}, the
 * gateway's own here), and who hears each: the permission matrix applied to
 * events. A subscriber hears an event only when its read route would show the record: the LA every
 * school's parents' absence reports, a school's MIS its own schools', a parents' app the reports
 * it sent; the LA alone the removals from rolls, the CME cases they open and outbreak alerts; every
 * reader of the directory its changes; an early help manager every plan's reviews falling due, a
 * professional those of the plans they co-ordinate; a client its own subscriptions' (docs/webhooks.md).
 */
final class EventTypes {

    /** The platform disabled one of the client's subscriptions: told to its others that name this type. */
    static final String SUBSCRIPTION_DISABLED = "webhook.subscription-disabled";
    /** Sent only by POST /v1/webhooks/{id}/test; never subscribed to. */
    static final String TEST = "webhook.test";

    /** Which of the roles that may subscribe to a type hear a given event of it. */
    private enum Audience {
        /** The LA every school's; a school its own schools'; a parents' app the reports it sent. */
        SCHOOL_RECORDS,
        /** Everyone who may subscribe: the record is public. */
        EVERY_READER,
        /** An early help manager every plan's; a professional the plans they co-ordinate. */
        PLANS,
        /** The client that owns the subscription the event is about. */
        OWN_SUBSCRIPTIONS
    }

    private record Rule(Set<String> roles, Audience audience) {}

    private static final Set<String> ABSENCE_REPORT_READERS =
            Set.of(Roles.LA_ADMIN, Roles.LA_OFFICER, Roles.SCHOOL, Roles.PARENT_APP);
    /** Every role but the DPO's (who reads the audit trail and nothing else) reads the directory. */
    private static final Set<String> DIRECTORY_READERS =
            Roles.ALL.stream().filter(role -> !role.equals(Roles.DPO)).collect(Collectors.toUnmodifiableSet());

    private static final Set<String> PLAN_READERS = Set.of(Roles.EARLY_HELP_MANAGER, Roles.PROFESSIONAL);

    private static final Map<String, Rule> RULES = rules();

    /** Every type a subscription may name, with who may subscribe to it. */
    static final Map<String, Set<String>> SUBSCRIBABLE = RULES.entrySet().stream()
            .collect(Collectors.toUnmodifiableMap(
                    Map.Entry::getKey, e -> e.getValue().roles()));

    private EventTypes() {}

    private static Map<String, Rule> rules() {
        Map<String, Rule> types = new LinkedHashMap<>();
        Rule reports = new Rule(ABSENCE_REPORT_READERS, Audience.SCHOOL_RECORDS);
        types.put(PlatformEventTypes.ABSENCE_REPORT_CREATED, reports);
        types.put(PlatformEventTypes.ABSENCE_REPORT_UPDATED, reports);
        types.put(PlatformEventTypes.ABSENCE_REPORT_REVIEWED, reports);
        // the LA's returns and alerts: a removal from the roll, a child missing education, an outbreak
        Rule la = new Rule(Roles.LA, Audience.SCHOOL_RECORDS);
        types.put(PlatformEventTypes.ROLL_REMOVAL_NOTIFIED, la);
        types.put(PlatformEventTypes.CME_CASE_OPENED, la);
        types.put(PlatformEventTypes.OUTBREAK_ALERT, la);
        types.put(PlatformEventTypes.DIRECTORY_SERVICE_CHANGED, new Rule(DIRECTORY_READERS, Audience.EVERY_READER));
        Rule plans = new Rule(PLAN_READERS, Audience.PLANS);
        types.put(PlatformEventTypes.FSP_REVIEW_DUE, plans);
        types.put(PlatformEventTypes.FSP_REVIEW_OVERDUE, plans);
        types.put(SUBSCRIPTION_DISABLED, new Rule(DIRECTORY_READERS, Audience.OWN_SUBSCRIPTIONS));
        return Map.copyOf(types);
    }

    /** The roles that may subscribe to anything: the others are refused the webhook routes. */
    static final Set<String> SUBSCRIBERS =
            Set.copyOf(SUBSCRIBABLE.values().stream().flatMap(Set::stream).toList());

    static List<String> names() {
        return SUBSCRIBABLE.keySet().stream().sorted().toList();
    }

    /** Whether {@code owner} may subscribe to {@code type}. */
    static boolean maySubscribe(Subscription.Owner owner, String type) {
        Set<String> roles = SUBSCRIBABLE.get(type);
        return roles != null && owner.roles().stream().anyMatch(roles::contains);
    }

    /** Whether {@code owner} may hear of {@code event}: what its read route would show it. */
    static boolean mayHear(Subscription.Owner owner, PlatformEvent event) {
        if (!maySubscribe(owner, event.getType())) {
            return false;
        }
        List<String> roles = owner.roles();
        return switch (RULES.get(event.getType()).audience()) {
            case EVERY_READER -> true;
            case OWN_SUBSCRIPTIONS -> event.getClientId().equals(owner.clientId());
            case PLANS ->
                roles.contains(Roles.EARLY_HELP_MANAGER)
                        || (roles.contains(Roles.PROFESSIONAL)
                                && !owner.professionalId().isEmpty()
                                && owner.professionalId().equals(event.getProfessionalId()));
            case SCHOOL_RECORDS ->
                roles.contains(Roles.LA_ADMIN)
                        || roles.contains(Roles.LA_OFFICER)
                        || (roles.contains(Roles.SCHOOL) && owner.schoolUrns().contains(event.getSchoolUrn()))
                        || (roles.contains(Roles.PARENT_APP)
                                && !event.getClientId().isEmpty()
                                && event.getClientId().equals(owner.clientId()));
        };
    }
}
