package uk.portsmouth.cfe.gateway.contacts;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import net.fortuna.ical4j.data.CalendarOutputter;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.FluentCalendar;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.property.Description;
import net.fortuna.ical4j.model.property.DtStamp;
import net.fortuna.ical4j.model.property.Location;
import net.fortuna.ical4j.model.property.Uid;
import net.fortuna.ical4j.model.property.XProperty;
import uk.portsmouth.cfe.proto.contacts.v1.Meeting;

/** Meetings as an iCalendar (RFC 5545) feed that Outlook and Google Calendar can subscribe to (ical4j). */
final class MeetingCalendar {

    private MeetingCalendar() {}

    /** One VEVENT a meeting, times in UTC, stable UIDs so subscribers update rather than duplicate. */
    static String of(String name, List<Meeting> meetings) {
        Instant stamp = Instant.now();
        FluentCalendar calendar = new Calendar()
                .withProdId("-//Portsmouth City Council//CFE Platform//EN")
                .withDefaults()
                .withProperty(new XProperty("X-WR-CALNAME", name));
        for (Meeting meeting : meetings) {
            VEvent event = new VEvent(
                    OffsetDateTime.parse(meeting.getStart()).toInstant(),
                    OffsetDateTime.parse(meeting.getEnd()).toInstant(),
                    meeting.getName());
            event.add(new Uid(meeting.getId() + "@cfe.portsmouth.gov.uk"));
            event.add(new DtStamp(stamp));
            event.add(new Location(meeting.getFormat().equals("teams") ? "Microsoft Teams" : "In person"));
            event.add(new Description(meeting.getName() + " (" + meeting.getLocality() + ")"));
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
