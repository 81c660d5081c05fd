package uk.portsmouth.cfe.gateway.webhooks;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import uk.portsmouth.cfe.platform.reference.Roles;
import uk.portsmouth.cfe.proto.common.v1.PlatformEvent;

/**
 * The event types a subscription may name, and who hears each: the permission matrix applied to
 * events. A subscriber hears an event only when its read route would show the record: the LA every
 * school's parents' absence reports, a school's MIS its own schools', a parents' app the reports
 * it sent; the LA alone the removals from rolls and the CME cases they open (docs/webhooks.md).
 */
final class EventTypes {

    static final String ABSENCE_REPORT_CREATED = "absence-report.created";
    static final String ABSENCE_REPORT_UPDATED = "absence-report.updated";
    static final String ABSENCE_REPORT_REVIEWED = "absence-report.reviewed";
    static final String ROLL_REMOVAL_NOTIFIED = "roll-removal.notified";
    static final String CME_CASE_OPENED = "cme-case.opened";
    /** Sent only by POST /v1/webhooks/{id}/test; never subscribed to. */
    static final String TEST = "webhook.test";

    private static final Set<String> ABSENCE_REPORT_READERS =
            Set.of(Roles.LA_ADMIN, Roles.LA_OFFICER, Roles.SCHOOL, Roles.PARENT_APP);
    private static final Set<String> LA = Set.of(Roles.LA_ADMIN, Roles.LA_OFFICER);

    /** Every type a subscription may name, with who may subscribe to it. */
    static final Map<String, Set<String>> SUBSCRIBABLE = subscribable();

    private EventTypes() {}

    private static Map<String, Set<String>> subscribable() {
        Map<String, Set<String>> types = new LinkedHashMap<>();
        types.put(ABSENCE_REPORT_CREATED, ABSENCE_REPORT_READERS);
        types.put(ABSENCE_REPORT_UPDATED, ABSENCE_REPORT_READERS);
        types.put(ABSENCE_REPORT_REVIEWED, ABSENCE_REPORT_READERS);
        // the LA's returns: a removal from the roll, a child missing education
        types.put(ROLL_REMOVAL_NOTIFIED, LA);
        types.put(CME_CASE_OPENED, LA);
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
        if (roles.contains(Roles.LA_ADMIN) || roles.contains(Roles.LA_OFFICER)) {
            return true;
        }
        if (roles.contains(Roles.SCHOOL) && owner.schoolUrns().contains(event.getSchoolUrn())) {
            return true;
        }
        return roles.contains(Roles.PARENT_APP)
                && !event.getClientId().isEmpty()
                && event.getClientId().equals(owner.clientId());
    }
}
