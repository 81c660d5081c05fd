package uk.portsmouth.cfe.directory.app;

import com.google.protobuf.Struct;
import java.util.List;
import uk.portsmouth.cfe.platform.events.EventData;
import uk.portsmouth.cfe.platform.events.EventDraft;
import uk.portsmouth.cfe.platform.events.PlatformEventTypes;
import uk.portsmouth.cfe.platform.grpc.PlatformServices;
import uk.portsmouth.cfe.platform.proto.ClosedSets;
import uk.portsmouth.cfe.proto.directory.v1.Service;

/**
 * The event the directory's writes cause (docs/webhooks.md): a service created or changed, so a
 * partner mirroring the directory fetches that one record (by id, or from the ORUK feed) instead of
 * polling the feed. The directory is public: the payload is what the feed shows of it in brief.
 */
final class DirectoryEvents {

    private DirectoryEvents() {}

    /** {@code service} as just written: {@code change} is "created" or "updated". */
    static List<EventDraft> serviceChanged(Service service, String change) {
        Struct data = EventData.of()
                .text("id", service.getId())
                .text("change", change)
                .text("name", service.getName())
                .text("organization_id", service.getOrganizationId())
                .text("status", ClosedSets.jsonName(service.getStatus()))
                .text("last_modified", service.getLastModified())
                .build();
        return List.of(new EventDraft(
                PlatformEventTypes.DIRECTORY_SERVICE_CHANGED,
                service.getId(),
                service.getLastModified(),
                PlatformServices.DIRECTORY.serviceName(),
                "",
                "",
                data));
    }
}
