package uk.portsmouth.cfe.attendance.domain;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import uk.portsmouth.cfe.platform.errors.InvalidInputException;
import uk.portsmouth.cfe.platform.proto.Dates;
import uk.portsmouth.cfe.proto.attendance.v1.ActOnSapReferralRequest;
import uk.portsmouth.cfe.proto.attendance.v1.AttendanceContract;
import uk.portsmouth.cfe.proto.attendance.v1.SapAction;
import uk.portsmouth.cfe.proto.attendance.v1.SapOutcome;
import uk.portsmouth.cfe.proto.attendance.v1.SapReferralStatus;

class CaseworkTest {

    private static EnrolmentMarks marks(Map<String, String> codes) {
        return new EnrolmentMarks("116000", "B801200005001", "2026-27", new TreeMap<>(codes), Map.of(), List.of());
    }

    @Test
    void unauthorisedLeaveIsCodeGAtTheRequestingSchoolInThePeriod() {
        Map<String, String> codes = new TreeMap<>();
        codes.put("2026-11-13:AM", "G"); // before the period
        codes.put("2026-11-16:AM", "O"); // unauthorised, but not leave
        for (String day : new String[] {"2026-11-17", "2026-11-18", "2026-11-19", "2026-11-20"}) {
            codes.put(day + ":AM", "G");
            codes.put(day + ":PM", "G");
        }
        EnrolmentMarks elsewhere =
                new EnrolmentMarks("116001", "B801200005001", "2026-27", new TreeMap<>(codes), Map.of(), List.of());
        assertThat(
                Casework.unauthorisedLeave(
                        List.of(marks(codes), elsewhere),
                        "116000",
                        LocalDate.parse("2026-11-16"),
                        LocalDate.parse("2026-11-20")),
                is(8));
    }

    @Test
    void aReferralMovesInOrder() {
        ActOnSapReferralRequest accept = ActOnSapReferralRequest.newBuilder()
                .setAction(SapAction.SAP_ACTION_ACCEPT)
                .build();
        assertThat(
                Casework.next(SapReferralStatus.SAP_REFERRAL_STATUS_REFERRED, accept),
                is(SapReferralStatus.SAP_REFERRAL_STATUS_ACCEPTED));
        assertThrows(
                InvalidInputException.class,
                () -> Casework.next(SapReferralStatus.SAP_REFERRAL_STATUS_ACCEPTED, accept));
        assertThrows(
                InvalidInputException.class,
                () -> Casework.next(
                        SapReferralStatus.SAP_REFERRAL_STATUS_REFERRED,
                        ActOnSapReferralRequest.newBuilder()
                                .setAction(SapAction.SAP_ACTION_DECLINE)
                                .build())); // a reason is needed
        assertThat(
                Casework.next(
                        SapReferralStatus.SAP_REFERRAL_STATUS_PANEL_SCHEDULED,
                        ActOnSapReferralRequest.newBuilder()
                                .setAction(SapAction.SAP_ACTION_RECORD_OUTCOME)
                                .setOutcome(SapOutcome.SAP_OUTCOME_ATTENDANCE_CONTRACT)
                                .setContract(AttendanceContract.newBuilder()
                                        .setTargetPercent(90)
                                        .setMonitoringFrom(Dates.of(LocalDate.of(2027, 1, 5)))
                                        .setMonitoringTo(Dates.of(LocalDate.of(2027, 2, 12))))
                                .build()),
                is(SapReferralStatus.SAP_REFERRAL_STATUS_OUTCOME_RECORDED));
        assertThrows(
                InvalidInputException.class,
                () -> Casework.next(
                        SapReferralStatus.SAP_REFERRAL_STATUS_PANEL_SCHEDULED,
                        ActOnSapReferralRequest.newBuilder()
                                .setAction(SapAction.SAP_ACTION_RECORD_OUTCOME)
                                .setOutcome(SapOutcome.SAP_OUTCOME_ATTENDANCE_CONTRACT)
                                .setContract(AttendanceContract.newBuilder()
                                        .setTargetPercent(90)
                                        .setMonitoringFrom(Dates.of(LocalDate.of(2027, 7, 1)))
                                        .setMonitoringTo(Dates.of(LocalDate.of(2027, 9, 30))))
                                .build()));
    }
}
