package uk.portsmouth.cfe.attendance.domain;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import uk.portsmouth.cfe.attendance.domain.AttendanceCodes.Category;
import uk.portsmouth.cfe.attendance.domain.AttendanceCodes.Code;
import uk.portsmouth.cfe.platform.errors.InvalidInputException;
import uk.portsmouth.cfe.proto.attendance.v1.ActOnSapReferralRequest;
import uk.portsmouth.cfe.proto.attendance.v1.AttendanceContract;

class CaseworkTest {

    private static final AttendanceCodes CODES = new AttendanceCodes(
            List.of(
                    new Code("/", "present", Category.PRESENT, true),
                    new Code("G", "holiday", Category.UNAUTHORISED, true),
                    new Code("O", "other", Category.UNAUTHORISED, true),
                    new Code("I", "illness", Category.AUTHORISED, true)),
            Map.of());
    /** Term from 1 September (no breaks): the 50 school days to 20 November 2026 start on 14 September. */
    private static final AcademicCalendar CALENDAR = new AcademicCalendar(List.of(new AcademicCalendar.Term(
            "2026-27", "Autumn 2026", LocalDate.parse("2026-09-01"), LocalDate.parse("2026-12-18"), List.of())));

    private static EnrolmentMarks marks(Map<String, String> codes) {
        return new EnrolmentMarks("116000", "B801200005001", "2026-27", new TreeMap<>(codes), Map.of(), List.of());
    }

    @Test
    void theThresholdCountsUnauthorisedSessionsInTheTenSchoolWeeksToTheLeavesEnd() {
        Map<String, String> codes = new TreeMap<>();
        codes.put("2026-09-11:AM", "O"); // before the window: not counted
        codes.put("2026-09-14:AM", "O"); // the window's first day
        codes.put("2026-11-16:AM", "I"); // authorised: not counted
        for (String day : new String[] {"2026-11-17", "2026-11-18", "2026-11-19", "2026-11-20"}) {
            codes.put(day + ":AM", "G");
            codes.put(day + ":PM", "G");
        }
        EnrolmentMarks enrolment = marks(codes);
        LocalDate to = LocalDate.parse("2026-11-20");
        assertThat(Casework.unauthorisedLeave(enrolment, LocalDate.parse("2026-11-16"), to), is(8));
        assertThat(Casework.unauthorisedInTenSchoolWeeks(enrolment, CODES, CALENDAR, to), is(9));
    }

    @Test
    void aReferralMovesInOrder() {
        ActOnSapReferralRequest accept =
                ActOnSapReferralRequest.newBuilder().setAction("accept").build();
        assertThat(Casework.next("referred", accept), is("accepted"));
        assertThrows(InvalidInputException.class, () -> Casework.next("accepted", accept));
        assertThrows(
                InvalidInputException.class,
                () -> Casework.next(
                        "referred",
                        ActOnSapReferralRequest.newBuilder()
                                .setAction("decline")
                                .build())); // a reason is needed
        assertThat(
                Casework.next(
                        "panel_scheduled",
                        ActOnSapReferralRequest.newBuilder()
                                .setAction("record_outcome")
                                .setOutcome("attendance_contract")
                                .setContract(AttendanceContract.newBuilder()
                                        .setTargetPercent(90)
                                        .setMonitoringFrom("2027-01-05")
                                        .setMonitoringTo("2027-02-12"))
                                .build()),
                is("outcome_recorded"));
        assertThrows(
                InvalidInputException.class,
                () -> Casework.next(
                        "panel_scheduled",
                        ActOnSapReferralRequest.newBuilder()
                                .setAction("record_outcome")
                                .setOutcome("attendance_contract")
                                .setContract(AttendanceContract.newBuilder()
                                        .setTargetPercent(90)
                                        .setMonitoringFrom("2027-07-01")
                                        .setMonitoringTo("2027-09-30"))
                                .build()));
    }
}
