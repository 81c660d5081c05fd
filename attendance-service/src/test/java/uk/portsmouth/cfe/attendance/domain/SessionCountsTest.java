package uk.portsmouth.cfe.attendance.domain;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.is;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import uk.portsmouth.cfe.attendance.domain.AttendanceCodes.Code;
import uk.portsmouth.cfe.proto.attendance.v1.AttendanceCategory;
import uk.portsmouth.cfe.proto.attendance.v1.Mark;

/** The DfE measures on hand-computed cases, and an enrolment's marks under replay and correction. */
class SessionCountsTest {

    private static final AttendanceCodes CODES = new AttendanceCodes(
            List.of(
                    new Code("/", "present", AttendanceCategory.ATTENDANCE_CATEGORY_PRESENT, true),
                            new Code("\\", "present", AttendanceCategory.ATTENDANCE_CATEGORY_PRESENT, true),
                    new Code("V", "trip", AttendanceCategory.ATTENDANCE_CATEGORY_APPROVED_ACTIVITY, true),
                            new Code("I", "illness", AttendanceCategory.ATTENDANCE_CATEGORY_AUTHORISED, true),
                    new Code("G", "holiday", AttendanceCategory.ATTENDANCE_CATEGORY_UNAUTHORISED, true),
                            new Code("O", "other", AttendanceCategory.ATTENDANCE_CATEGORY_UNAUTHORISED, true),
                    new Code("#", "closure", AttendanceCategory.ATTENDANCE_CATEGORY_ADMINISTRATIVE, false),
                            new Code(
                                    "Y1", "transport", AttendanceCategory.ATTENDANCE_CATEGORY_UNABLE_TO_ATTEND, false)),
            Map.of());

    private static SessionCounts count(String... codes) {
        SessionCounts counts = SessionCounts.NONE;
        for (String code : codes) {
            counts = counts.plus(SessionCounts.of(CODES.find(code).orElseThrow()));
        }
        return counts;
    }

    @Test
    void tenSessionsOneMissedIsPersistentAbsenceExactlyAtTheLine() {
        // 10 possible (the closure and transport sessions are not possible), 1 missed: 10% -> PA, not SA
        SessionCounts counts = count("/", "\\", "/", "\\", "V", "\\", "/", "\\", "/", "I", "#", "Y1");
        assertThat(counts.possible(), is(10L));
        assertThat(counts.present(), is(8L));
        assertThat(counts.approvedActivity(), is(1L));
        assertThat(counts.absence(), is(1L));
        assertThat(counts.absenceRate(), closeTo(10.0, 1e-9));
        assertThat(counts.attendanceRate(), closeTo(90.0, 1e-9));
        assertThat(counts.persistentlyAbsent(), is(true));
        assertThat(counts.severelyAbsent(), is(false));
    }

    @Test
    void halfMissedIsSevereAbsenceAndBelowThirtyPercentIsFlagged() {
        SessionCounts half = count("/", "G", "I", "\\");
        assertThat(half.absenceRate(), closeTo(50.0, 1e-9));
        assertThat(half.severelyAbsent(), is(true));
        assertThat(half.belowLowAttendance(), is(false));
        SessionCounts low = count("/", "G", "O", "I", "I", "G", "O", "I", "G", "O"); // 1 of 10 attended
        assertThat(low.attendanceRate(), closeTo(10.0, 1e-9));
        assertThat(low.belowLowAttendance(), is(true));
    }

    @Test
    void noPossibleSessionsMeansNoRatesAndNoFlags() {
        SessionCounts none = count("#", "Y1", "#");
        assertThat(none.hasRates(), is(false));
        assertThat(none.persistentlyAbsent(), is(false));
        assertThat(none.severelyAbsent(), is(false));
        assertThat(none.belowLowAttendance(), is(false));
        assertThat(none.notPossible(), is(3L));
    }

    @Test
    void replayingChangesNothingAndACorrectionKeepsTheEarlierCode() {
        Mark am = Mark.newBuilder()
                .setUpn("B801200005001")
                .setDate("2026-11-02")
                .setSession("AM")
                .setCode("N")
                .build();
        Mark pm = am.toBuilder().setSession("PM").setCode("\\").build();
        EnrolmentMarks.Applied first =
                EnrolmentMarks.empty("116000", "B801200005001", "2026-27").apply(List.of(am, pm), "t1");
        assertThat(first.recorded(), is(2));
        EnrolmentMarks.Applied replay = first.marks().apply(List.of(am, pm), "t2");
        assertThat(replay.changed(), is(false));
        assertThat(replay.unchanged(), is(2));
        EnrolmentMarks.Applied corrected =
                replay.marks().apply(List.of(am.toBuilder().setCode("I").build()), "t3");
        assertThat(corrected.corrected(), is(1));
        assertThat(corrected.marks().codes().get("2026-11-02:AM"), is("I"));
        assertThat(
                corrected.marks().history().stream()
                        .map(EnrolmentMarks.Correction::code)
                        .toList(),
                contains("N"));
    }

    @Test
    void countersCoverTheYearEachTermAndEachWeek() {
        Map<String, String> codes =
                new TreeMap<>(Map.of("2026-11-02:AM", "/", "2026-11-02:PM", "O", "2026-11-09:AM", "I"));
        EnrolmentMarks marks = new EnrolmentMarks("116000", "B801200005001", "2026-27", codes, Map.of(), List.of());
        AcademicCalendar calendar = new AcademicCalendar(List.of(new AcademicCalendar.Term(
                "2026-27",
                "Autumn 2026",
                java.time.LocalDate.parse("2026-09-02"),
                java.time.LocalDate.parse("2026-12-18"),
                List.of())));
        EnrolmentMarks.Counters counters = marks.counters(CODES, calendar);
        assertThat(counters.year().possible(), is(3L));
        assertThat(counters.terms().get("Autumn 2026").unauthorised(), is(1L));
        assertThat(counters.weeks().size(), is(2));
    }
}
