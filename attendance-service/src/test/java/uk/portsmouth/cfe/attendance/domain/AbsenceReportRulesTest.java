package uk.portsmouth.cfe.attendance.domain;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import uk.portsmouth.cfe.platform.testing.TestDates;
import uk.portsmouth.cfe.proto.attendance.v1.AbsentChild;
import uk.portsmouth.cfe.proto.attendance.v1.Pupil;
import uk.portsmouth.cfe.proto.attendance.v1.RollMatchStatus;

/** Matching a reported child to a roll and the days a report covers. */
class AbsenceReportRulesTest {

    private static final List<Pupil> ROLL = List.of(
            pupil("A", "Zoë", "O'Neil-Smith", "2017-03-04"),
            pupil("B", "Sam", "Twin", "2018-02-02"),
            pupil("C", "Sam", "Twin", "2018-02-02"),
            pupil("D", "Ann", "Gone", "2016-01-01").toBuilder().setOnRoll(false).build());

    private static Pupil pupil(String upn, String given, String family, String born) {
        return Pupil.newBuilder()
                .setUpn(upn)
                .setGivenName(given)
                .setFamilyName(family)
                .setDateOfBirth(TestDates.date(born))
                .setOnRoll(true)
                .build();
    }

    private static AbsentChild child(String given, String family, String born, String upn) {
        return AbsentChild.newBuilder()
                .setGivenName(given)
                .setFamilyName(family)
                .setDateOfBirth(TestDates.date(born))
                .setUpn(upn)
                .build();
    }

    @Test
    void namesMatchWithoutCaseAccentsOrPunctuationAndTheBirthDateMustAgree() {
        assertThat(
                AbsenceReportRules.match(child("zoe", "oneil smith", "2017-03-04", ""), ROLL)
                        .getUpn(),
                is("A"));
        assertThat(
                AbsenceReportRules.match(child("Zoe", "ONeil-Smith", "2017-03-05", ""), ROLL)
                        .getStatus(),
                is(RollMatchStatus.ROLL_MATCH_STATUS_NOT_FOUND));
        assertThat(
                AbsenceReportRules.match(child("Sam", "Twin", "2018-02-02", ""), ROLL)
                        .getCandidates(),
                is(2));
        // a UPN decides between twins; a child off the roll is not found
        assertThat(
                AbsenceReportRules.match(child("Sam", "Twin", "2018-02-02", "C"), ROLL)
                        .getUpn(),
                is("C"));
        assertThat(
                AbsenceReportRules.match(child("Ann", "Gone", "2016-01-01", ""), ROLL)
                        .getStatus(),
                is(RollMatchStatus.ROLL_MATCH_STATUS_NOT_FOUND));
    }

    @Test
    void aReportCoversItsSchoolDaysUpToTodayAndBeforeTheReturn() {
        AcademicCalendar calendar = new AcademicCalendar(List.of(new AcademicCalendar.Term(
                "2026-27", "autumn", LocalDate.parse("2026-09-02"), LocalDate.parse("2026-12-18"), List.of())));
        LocalDate thursday = LocalDate.parse("2026-11-26");
        LocalDate saturday = LocalDate.parse("2026-11-28");
        assertThat(
                AbsenceReportRules.daysOff(thursday, LocalDate.parse("2026-12-01"), saturday, calendar),
                is(List.of(thursday, thursday.plusDays(1))));
        assertThat(
                AbsenceReportRules.daysOff(thursday, LocalDate.parse("2026-11-27"), saturday, calendar),
                is(List.of(thursday)));
        assertThat(AbsenceReportRules.daysOff(LocalDate.parse("2026-11-30"), null, saturday, calendar), is(List.of()));
    }
}
