package uk.portsmouth.cfe.attendance.domain;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import uk.portsmouth.cfe.platform.errors.FieldError;
import uk.portsmouth.cfe.platform.errors.InvalidInputException;
import uk.portsmouth.cfe.platform.proto.Dates;
import uk.portsmouth.cfe.proto.attendance.v1.CmeCaseStatus;
import uk.portsmouth.cfe.proto.attendance.v1.NotifyRollRemovalRequest;

class RollRemovalsTest {

    private static final LocalDate TODAY = LocalDate.parse("2026-11-28");
    private static final NotifyRollRemovalRequest TO_ANOTHER_SCHOOL = NotifyRollRemovalRequest.newBuilder()
            .setUrn("116000")
            .setUpn("B801200005001")
            .setDeletionDate(Dates.of(LocalDate.of(2026, 11, 30)))
            .setGround("a")
            .setDestinationUrn("116037")
            .build();

    @Test
    void aTimelyNoticeWithADestinationOpensNoCase() {
        assertThat(RollRemovals.cmeReason(TO_ANOTHER_SCHOOL, TODAY).isPresent(), is(false));
        assertThat(RollRemovals.late(TO_ANOTHER_SCHOOL, TODAY), is(false));
        assertThat(
                RollRemovals.cmeReason(
                                TO_ANOTHER_SCHOOL.toBuilder()
                                        .setDeletionDate(Dates.of(LocalDate.of(2026, 11, 28)))
                                        .build(),
                                TODAY)
                        .isPresent(),
                is(false));
    }

    @Test
    void anUnknownDestinationALateNoticeOrUnknownWhereaboutsOpenACase() {
        assertThat(
                RollRemovals.cmeReason(
                                TO_ANOTHER_SCHOOL.toBuilder()
                                        .clearDestinationUrn()
                                        .build(),
                                TODAY)
                        .orElseThrow(),
                is("destination not known"));
        assertThat(
                RollRemovals.cmeReason(
                                TO_ANOTHER_SCHOOL.toBuilder()
                                        .setDeletionDate(Dates.of(LocalDate.of(2026, 11, 27)))
                                        .build(),
                                TODAY)
                        .orElseThrow(),
                is("the LA was told after the day of deletion"));
        assertThat(
                RollRemovals.cmeReason(
                                TO_ANOTHER_SCHOOL.toBuilder().setGround("i").build(), TODAY)
                        .isPresent(),
                is(true));
        // a child who died, or over compulsory school age, has no destination to find
        assertThat(
                RollRemovals.cmeReason(
                                TO_ANOTHER_SCHOOL.toBuilder()
                                        .clearDestinationUrn()
                                        .setGround("l")
                                        .build(),
                                TODAY)
                        .isPresent(),
                is(false));
    }

    @Test
    void everyBadFieldIsNamed() {
        InvalidInputException e = assertThrows(
                InvalidInputException.class,
                () -> RollRemovals.validate(NotifyRollRemovalRequest.newBuilder()
                        .setUpn("B801200005002")
                        .setGround("p")
                        .setDestinationUrn("12")
                        .build()));
        assertThat(
                e.errors().stream().map(FieldError::field).toList(),
                containsInAnyOrder("/upn", "/deletion_date", "/ground", "/destination_urn"));
        assertDoesNotThrow(() -> RollRemovals.validate(TO_ANOTHER_SCHOOL));
    }

    @Test
    void casesMoveForwardOnly() {
        assertDoesNotThrow(() -> RollRemovals.checkTransition(
                CmeCaseStatus.CME_CASE_STATUS_OPEN, CmeCaseStatus.CME_CASE_STATUS_FOUND, ""));
        assertDoesNotThrow(() -> RollRemovals.checkTransition(
                CmeCaseStatus.CME_CASE_STATUS_FOUND, CmeCaseStatus.CME_CASE_STATUS_PLACED, "116037"));
        assertThrows(
                InvalidInputException.class,
                () -> RollRemovals.checkTransition(
                        CmeCaseStatus.CME_CASE_STATUS_PLACED, CmeCaseStatus.CME_CASE_STATUS_CLOSED, ""));
        assertThrows(
                InvalidInputException.class,
                () -> RollRemovals.checkTransition(
                        CmeCaseStatus.CME_CASE_STATUS_FOUND, CmeCaseStatus.CME_CASE_STATUS_OPEN, ""));
        assertThrows(
                InvalidInputException.class,
                () -> RollRemovals.checkTransition(
                        CmeCaseStatus.CME_CASE_STATUS_OPEN, CmeCaseStatus.CME_CASE_STATUS_PLACED, ""));
    }
}
