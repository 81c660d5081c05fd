package uk.portsmouth.cfe.gateway.contacts;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import net.fortuna.ical4j.data.CalendarOutputter;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.FluentCalendar;
import net.fortuna.ical4j.model.TimeZone;
import net.fortuna.ical4j.model.TimeZoneRegistryFactory;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.parameter.Cn;
import net.fortuna.ical4j.model.property.Description;
import net.fortuna.ical4j.model.property.DtStamp;
import net.fortuna.ical4j.model.property.Location;
import net.fortuna.ical4j.model.property.Organizer;
import net.fortuna.ical4j.model.property.Uid;
import net.fortuna.ical4j.model.property.XProperty;
import net.fortuna.ical4j.model.property.immutable.ImmutableMethod;
import uk.portsmouth.cfe.platform.proto.ClosedSets;
import uk.portsmouth.cfe.platform.time.CityTime;
import uk.portsmouth.cfe.proto.contacts.v1.Meeting;
import uk.portsmouth.cfe.proto.contacts.v1.MeetingFormat;

/**
 * Meetings as an iCalendar (RFC 5545) feed that Outlook and Google Calendar can subscribe to (ical4j):
 * METHOD:PUBLISH, the city's VTIMEZONE, one VEVENT a meeting with one DTSTAMP and its times in that
 * zone, lines folded at 75 octets.
 * MeetingsApiTest checks every kind of feed with ical4j's validator and with biweekly, a second parser.
 */
final class MeetingCalendar {

    private static final TimeZone CITY_ZONE =
            TimeZoneRegistryFactory.getInstance().createRegistry().getTimeZone(CityTime.ZONE.getId());

    private MeetingCalendar() {}

    /**
     * One VEVENT a meeting, times in Europe/London, stable UIDs so subscribers update rather than duplicate;
     * {@code organizer} (a mailto: address) is the ORGANIZER a published calendar (iTIP) names.
     */
    static String of(String name, String organizer, List<Meeting> meetings) {
        Instant stamp = Instant.now();
        FluentCalendar calendar = new Calendar()
                .withProdId("-//Portsmouth City Council//CFE Platform//EN")
                .withDefaults()
                .withProperty(ImmutableMethod.PUBLISH)
                .withProperty(new XProperty("X-WR-CALNAME", name))
                // times are the city's, with its time zone defined in the feed (also a feed's one component when empty)
                .withComponent(CITY_ZONE.getVTimeZone());
        for (Meeting meeting : meetings) {
            VEvent event = new VEvent(
                    OffsetDateTime.parse(meeting.getStart()).atZoneSameInstant(CITY_ZONE.toZoneId()),
                    OffsetDateTime.parse(meeting.getEnd()).atZoneSameInstant(CITY_ZONE.toZoneId()),
                    meeting.getName());
            event.add(new Uid(meeting.getId() + "@cfe.portsmouth.gov.uk"));
            // the constructor stamps the event already: one DTSTAMP, or strict clients drop it (RFC 5545 3.6.1)
            event.replace(new DtStamp(stamp));
            event.add(new Organizer(URI.create(organizer)).add(new Cn("Portsmouth City Council")));
            event.add(new Location(
                    meeting.getFormat() == MeetingFormat.MEETING_FORMAT_TEAMS ? "Microsoft Teams" : "In person"));
            event.add(new Description(meeting.getName() + " (" + ClosedSets.jsonName(meeting.getLocality()) + ")"));
            calendar = calendar.withComponent(event);
        }
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            new CalendarOutputter(false).output(calendar.getFluentTarget(), out);
            return out.toString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
