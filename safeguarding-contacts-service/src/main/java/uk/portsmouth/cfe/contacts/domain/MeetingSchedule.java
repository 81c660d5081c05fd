package uk.portsmouth.cfe.contacts.domain;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import net.fortuna.ical4j.model.Recur;
import uk.portsmouth.cfe.platform.errors.FieldChecks;
import uk.portsmouth.cfe.platform.proto.ClosedSets;
import uk.portsmouth.cfe.platform.reference.Localities;
import uk.portsmouth.cfe.platform.time.CityTime;
import uk.portsmouth.cfe.proto.contacts.v1.Meeting;
import uk.portsmouth.cfe.proto.contacts.v1.MeetingFormat;
import uk.portsmouth.cfe.proto.contacts.v1.MeetingSeries;

/**
 * When a series meets: its RFC 5545 recurrence rule from its first start (expanded with ical4j),
 * plus explicit dates (termly and annual meetings follow term dates, not a rule). Times are
 * local to Portsmouth (Europe/London), so 09:30 stays 09:30 across the clock change.
 */
public final class MeetingSchedule {

    public static final ZoneId PORTSMOUTH = CityTime.ZONE;
    /** The longest window one request may expand. */
    public static final int MAX_DAYS = 366;

    private MeetingSchedule() {}

    /** Checks a series' schedule fields; throws with every problem. */
    public static void validate(MeetingSeries series) {
        FieldChecks checks = new FieldChecks();
        if (series.getName().isBlank()) {
            checks.fail("/name", "name is required");
        }
        if (series.getDurationMinutes() <= 0 || series.getDurationMinutes() > 24 * 60) {
            checks.fail("/duration_minutes", "duration_minutes must be between 1 and 1440");
        }
        if (!series.getRrule().isEmpty()) {
            try {
                new Recur<LocalDateTime>(series.getRrule());
                LocalDateTime.parse(series.getFirstStart());
            } catch (IllegalArgumentException | DateTimeParseException e) {
                checks.fail("/rrule", "rrule needs a valid RFC 5545 rule and a first_start");
            }
        }
        if (series.getRrule().isEmpty() && series.getDatesCount() == 0) {
            checks.fail("/dates", "a series needs an rrule with first_start, or dates");
        }
        if (!ClosedSets.given(series.getFormat())) {
            checks.fail("/format", ClosedSets.rule("format", MeetingFormat.getDescriptor()));
        }
        if (!Localities.isAreaOrCityWide(series.getLocality())) {
            checks.fail("/locality", Localities.AREA_OR_CITY_WIDE_RULE);
        }
        if (series.getCapacity() < 0) {
            checks.fail("/capacity", "capacity must be 0 (no limit) or more");
        }
        if (series.getSlotMinutes() < 0 || series.getSlotMinutes() > series.getDurationMinutes()) {
            checks.fail("/slot_minutes", "slot_minutes must be 0 (no slots) up to the meeting's duration");
        }
        for (int i = 0; i < series.getDatesCount(); i++) {
            try {
                LocalDateTime.parse(series.getDates(i));
            } catch (DateTimeParseException e) {
                checks.fail("/dates/" + i, "not a local date-time, e.g. 2026-10-07T13:30");
            }
        }
        checks.throwIfAny("The meeting series is not valid");
    }

    /** The series' meetings starting on {@code from} to {@code to} (inclusive), in start order. */
    public static List<Meeting> occurrences(MeetingSeries series, LocalDate from, LocalDate to) {
        LocalDateTime windowStart = from.atStartOfDay();
        LocalDateTime windowEnd = to.plusDays(1).atStartOfDay();
        TreeSet<LocalDateTime> starts = new TreeSet<>();
        if (!series.getRrule().isEmpty()) {
            Recur<LocalDateTime> rule = new Recur<>(series.getRrule());
            LocalDateTime seed = LocalDateTime.parse(series.getFirstStart());
            starts.add(seed);
            starts.addAll(rule.getDates(seed, seed, windowEnd));
        }
        series.getDatesList().forEach(d -> starts.add(LocalDateTime.parse(d)));
        List<Meeting> meetings = new ArrayList<>();
        for (LocalDateTime start : starts.subSet(windowStart, true, windowEnd, false)) {
            ZonedDateTime begins = start.atZone(PORTSMOUTH);
            meetings.add(Meeting.newBuilder()
                    .setId(series.getId() + "@" + start)
                    .setSeriesId(series.getId())
                    .setName(series.getName())
                    .setStart(CityTime.dateTime(begins.toOffsetDateTime()))
                    .setEnd(CityTime.dateTime(begins.plus(series.getDurationMinutes(), ChronoUnit.MINUTES)
                            .toOffsetDateTime()))
                    .setFormat(series.getFormat())
                    .setLocality(series.getLocality())
                    .setRestricted(series.getRestricted())
                    .setSchoolUrn(series.getSchoolUrn())
                    .build());
        }
        return meetings;
    }

    /** The starts of a meeting's child-focused slots ({@code slotMinutes} each, back to back). */
    public static List<OffsetDateTime> slotStarts(Meeting meeting, int slotMinutes) {
        List<OffsetDateTime> starts = new ArrayList<>();
        OffsetDateTime end = OffsetDateTime.parse(meeting.getEnd());
        for (OffsetDateTime at = OffsetDateTime.parse(meeting.getStart());
                !at.plusMinutes(slotMinutes).isAfter(end);
                at = at.plusMinutes(slotMinutes)) {
            starts.add(at);
        }
        return starts;
    }

    /** When meeting "<series>@<local start>" starts, in Portsmouth. */
    public static ZonedDateTime start(String meetingId) {
        return LocalDateTime.parse(meetingId.substring(meetingId.indexOf('@') + 1))
                .atZone(PORTSMOUTH);
    }

    /** Meetings by their start, then name. */
    public static List<Meeting> inStartOrder(List<Meeting> meetings) {
        return meetings.stream()
                .sorted(java.util.Comparator.comparing((Meeting m) -> java.time.OffsetDateTime.parse(m.getStart()))
                        .thenComparing(Meeting::getName))
                .toList();
    }
}
