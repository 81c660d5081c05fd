package uk.portsmouth.cfe.contacts.domain;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import uk.portsmouth.cfe.platform.errors.FieldError;
import uk.portsmouth.cfe.platform.errors.InvalidInputException;
import uk.portsmouth.cfe.proto.contacts.v1.Meeting;
import uk.portsmouth.cfe.proto.contacts.v1.MeetingSeries;

class MeetingScheduleTest {

    private static final MeetingSeries MONTHLY = MeetingSeries.newBuilder()
            .setId("mat-north")
            .setName("MAT North")
            .setRrule("FREQ=MONTHLY;BYDAY=2TU")
            .setFirstStart("2026-09-08T09:30")
            .setDurationMinutes(90)
            .build();

    @Test
    void expandsTheRuleInLocalTimeAcrossTheClockChange() {
        List<String> starts =
                MeetingSchedule.occurrences(MONTHLY, LocalDate.of(2026, 9, 1), LocalDate.of(2026, 11, 30)).stream()
                        .map(Meeting::getStart)
                        .toList();
        assertThat(starts, contains("2026-09-08T09:30:00+01:00", "2026-10-13T09:30:00+01:00", "2026-11-10T09:30:00Z"));
    }

    @Test
    void explicitDatesAndTheWindow() {
        MeetingSeries termly = MeetingSeries.newBuilder()
                .setId("san")
                .setName("SAN")
                .setDurationMinutes(120)
                .addDates("2026-10-07T13:30")
                .addDates("2027-02-03T13:30")
                .build();
        List<Meeting> autumn =
                MeetingSchedule.occurrences(termly, LocalDate.of(2026, 10, 7), LocalDate.of(2026, 12, 31));
        assertThat(autumn.stream().map(Meeting::getEnd).toList(), contains("2026-10-07T15:30:00+01:00"));
        assertThat(autumn.get(0).getId(), org.hamcrest.Matchers.is("san@2026-10-07T13:30"));
    }

    @Test
    void rejectsBadSchedules() {
        MeetingSeries bad = MONTHLY.toBuilder()
                .setName("")
                .setRrule("FREQ=SOMETIMES")
                .setDurationMinutes(0)
                .addDates("next tuesday")
                .setFormatValue(99)
                .setLocalityValue(99)
                .setCapacity(-1)
                .setSlotMinutes(20)
                .build();
        InvalidInputException error = assertThrows(InvalidInputException.class, () -> MeetingSchedule.validate(bad));
        assertThat(
                error.errors().stream().map(FieldError::field).toList(),
                containsInAnyOrder(
                        "/name",
                        "/rrule",
                        "/duration_minutes",
                        "/dates/0",
                        "/format",
                        "/locality",
                        "/capacity",
                        "/slot_minutes"));
    }

    @Test
    void slotsRunBackToBackAndFitTheMeeting() {
        Meeting met = Meeting.newBuilder()
                .setStart("2026-12-03T10:00Z")
                .setEnd("2026-12-03T11:10Z")
                .build();
        assertThat(
                MeetingSchedule.slotStarts(met, 20).stream()
                        .map(Object::toString)
                        .toList(),
                contains("2026-12-03T10:00Z", "2026-12-03T10:20Z", "2026-12-03T10:40Z"));
    }
}
