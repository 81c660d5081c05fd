package uk.portsmouth.cfe.platform.events;

import com.google.protobuf.Struct;
import uk.portsmouth.cfe.proto.common.v1.PlatformEvent;

/**
 * An event a write is about to cause, recorded with that write (the record's outbox): it becomes a
 * {@link PlatformEvent} when the write knows the record's new version, which makes its id.
 *
 * @param type       the event's type, e.g. absence-report.created
 * @param recordId   the record that changed
 * @param occurredAt when, RFC 3339
 * @param service    the service that owns the record
 * @param schoolUrn  the school the record is about ("" none): who may hear of it
 * @param clientId   the API client that made the record ("" when it does not matter who)
 * @param data       the payload, as the API's JSON
 * @param professionalId the professional the record is about ("" none): a plan's co-ordinator hears of it
 */
public record EventDraft(
        String type,
        String recordId,
        String occurredAt,
        String service,
        String schoolUrn,
        String clientId,
        Struct data,
        String professionalId) {

    /** An event about no one professional. */
    public EventDraft(
            String type,
            String recordId,
            String occurredAt,
            String service,
            String schoolUrn,
            String clientId,
            Struct data) {
        this(type, recordId, occurredAt, service, schoolUrn, clientId, data, "");
    }

    /** The record an event id names: the part between its type and its version. */
    public static String recordIdOf(String eventId) {
        int first = eventId.indexOf('/');
        int last = eventId.lastIndexOf('/');
        return first >= 0 && last > first ? eventId.substring(first + 1, last) : "";
    }

    /** The event, for the record's {@code version}: its id is "<type>/<record id>/v<version>". */
    public PlatformEvent at(long version) {
        return PlatformEvent.newBuilder()
                .setId(type + "/" + recordId + "/v" + version)
                .setType(type)
                .setOccurredAt(occurredAt)
                .setService(service)
                .setSchoolUrn(schoolUrn)
                .setClientId(clientId)
                .setData(data)
                .setProfessionalId(professionalId)
                .build();
    }
}
