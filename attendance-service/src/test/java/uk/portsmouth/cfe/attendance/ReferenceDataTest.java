package uk.portsmouth.cfe.attendance;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

import io.helidon.config.Config;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import uk.portsmouth.cfe.attendance.domain.AcademicCalendar;
import uk.portsmouth.cfe.attendance.domain.AttendanceCodes;
import uk.portsmouth.cfe.platform.config.ServiceConfig;

/** The codes table and the configured calendar, as the service loads them. */
class ReferenceDataTest {

    private static final AttendanceCodes CODES = ReferenceData.codes();

    @ParameterizedTest
    @CsvSource({
        "/,PRESENT,true",
        "\\,PRESENT,true",
        "L,PRESENT,true",
        "K,APPROVED_ACTIVITY,true",
        "V,APPROVED_ACTIVITY,true",
        "P,APPROVED_ACTIVITY,true",
        "W,APPROVED_ACTIVITY,true",
        "B,APPROVED_ACTIVITY,true",
        "C,AUTHORISED,true",
        "C1,AUTHORISED,true",
        "C2,AUTHORISED,true",
        "E,AUTHORISED,true",
        "I,AUTHORISED,true",
        "J1,AUTHORISED,true",
        "M,AUTHORISED,true",
        "R,AUTHORISED,true",
        "S,AUTHORISED,true",
        "T,AUTHORISED,true",
        "G,UNAUTHORISED,true",
        "N,UNAUTHORISED,true",
        "O,UNAUTHORISED,true",
        "U,UNAUTHORISED,true",
        "Q,UNABLE_TO_ATTEND,false",
        "Y1,UNABLE_TO_ATTEND,false",
        "Y2,UNABLE_TO_ATTEND,false",
        "Y3,UNABLE_TO_ATTEND,false",
        "Y4,UNABLE_TO_ATTEND,false",
        "Y5,UNABLE_TO_ATTEND,false",
        "Y6,UNABLE_TO_ATTEND,false",
        "Y7,UNABLE_TO_ATTEND,false",
        "X,ADMINISTRATIVE,false",
        "Z,ADMINISTRATIVE,false",
        "#,ADMINISTRATIVE,false",
        "D,ADMINISTRATIVE,false"
    })
    void everyCodeHasItsCategoryAndPossibleSessionRule(String code, String category, boolean possible) {
        AttendanceCodes.Code found = CODES.find(code).orElseThrow();
        assertThat(found.category().name(), is("ATTENDANCE_CATEGORY_" + category));
        assertThat(found.possibleSession(), is(possible));
    }

    @Test
    void theTableHasEveryCodeAndRefusesRetiredOnesByName() {
        assertThat(CODES.all().size(), is(34));
        for (String retired : new String[] {"H", "J", "Y"}) {
            assertThat(CODES.refusal(retired).orElseThrow(), containsString("retired"));
        }
        assertThat(CODES.refusal("A").orElseThrow(), containsString("unknown"));
    }

    @Test
    void theConfiguredCalendarKnowsSchoolDays() {
        Config config = ServiceConfig.load(Main.NAME, Map.of());
        AcademicCalendar calendar = ReferenceData.calendar(config.get("academic-calendar"));
        assertThat(calendar.isSchoolDay(LocalDate.parse("2026-11-27")), is(true)); // a Friday in term
        assertThat(calendar.isSchoolDay(LocalDate.parse("2026-11-28")), is(false)); // Saturday
        assertThat(calendar.isSchoolDay(LocalDate.parse("2026-10-28")), is(false)); // half term
        assertThat(calendar.isSchoolDay(LocalDate.parse("2026-08-20")), is(false)); // summer holiday
        assertThat(calendar.yearStart(LocalDate.parse("2026-11-27")).orElseThrow(), is(LocalDate.parse("2026-09-02")));
        assertThat(AcademicCalendar.academicYear(LocalDate.parse("2027-03-01")), is("2026-27"));
    }
}
