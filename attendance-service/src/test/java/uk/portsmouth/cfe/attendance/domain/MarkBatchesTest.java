package uk.portsmouth.cfe.attendance.domain;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.is;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import uk.portsmouth.cfe.attendance.domain.AttendanceCodes.Code;
import uk.portsmouth.cfe.proto.attendance.v1.AttendanceCategory;
import uk.portsmouth.cfe.proto.attendance.v1.Mark;
import uk.portsmouth.cfe.proto.attendance.v1.MarkError;

class MarkBatchesTest {

    private static final AttendanceCodes CODES = new AttendanceCodes(
            List.of(
                    new Code("/", "present", AttendanceCategory.ATTENDANCE_CATEGORY_PRESENT, true),
                    new Code("I", "illness", AttendanceCategory.ATTENDANCE_CATEGORY_AUTHORISED, true)),
            Map.of("H", "retired"));
    private static final AcademicCalendar CALENDAR = new AcademicCalendar(List.of(new AcademicCalendar.Term(
            "2026-27",
            "Autumn 2026",
            LocalDate.parse("2026-09-02"),
            LocalDate.parse("2026-12-18"),
            List.of(new AcademicCalendar.Break(LocalDate.parse("2026-10-26"), LocalDate.parse("2026-10-30"))))));
    private static final LocalDate TODAY = LocalDate.parse("2026-11-27");
    private static final Mark GOOD = Mark.newBuilder()
            .setUpn("B801200005001")
            .setDate("2026-11-02")
            .setSession("AM")
            .setCode("/")
            .build();

    private static List<String> problems(Mark... marks) {
        return MarkBatches.check(List.of(marks), Set.of("B801200005001"), CODES, CALENDAR, TODAY).stream()
                .map(e -> e.getIndex() + ":" + e.getField())
                .toList();
    }

    @Test
    void aGoodBatchPasses() {
        assertThat(problems(GOOD, GOOD.toBuilder().setSession("PM").setCode("I").build(), GOOD), empty());
    }

    @Test
    void everyBadMarkIsListedWithItsIndex() {
        assertThat(
                problems(
                        GOOD,
                        GOOD.toBuilder().setUpn("C801200005001").build(), // bad check letter
                        GOOD.toBuilder().setUpn("P851200012345").build(), // valid, not on roll
                        GOOD.toBuilder().setDate("2026-11-03").setCode("H").build(), // retired
                        GOOD.toBuilder().setDate("2026-11-04").setCode("?").build(), // unknown
                        GOOD.toBuilder().setDate("2026-10-28").build(), // half term
                        GOOD.toBuilder().setDate("2026-11-30").build(), // future
                        GOOD.toBuilder().setDate("02/11/2026").build(), // not ISO
                        GOOD.toBuilder().setSession("EVE").build(),
                        GOOD.toBuilder().setCode("I").build()), // same session, other code
                contains("1:upn", "2:upn", "3:code", "4:code", "5:date", "6:date", "7:date", "8:session", "9:code"));
    }

    @Test
    void aPupilsUpnIsJudgedOnceABatchAndEachOfItsMarksListed() {
        Mark badLetter = GOOD.toBuilder().setUpn("C801200005001").build();
        assertThat(
                problems(
                        badLetter,
                        GOOD,
                        badLetter.toBuilder().setSession("PM").build(),
                        GOOD.toBuilder().setSession("PM").build()),
                contains("0:upn", "2:upn"));
    }

    @Test
    void emptyAndOversizedBatchesAreRefused() {
        List<MarkError> errors = MarkBatches.check(List.of(), Set.of(), CODES, CALENDAR, TODAY);
        assertThat(errors.get(0).getField(), is("marks"));
    }
}
