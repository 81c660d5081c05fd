package uk.portsmouth.cfe.attendance.domain;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import uk.portsmouth.cfe.platform.errors.ConflictException;
import uk.portsmouth.cfe.platform.errors.FieldError;
import uk.portsmouth.cfe.platform.errors.InvalidInputException;
import uk.portsmouth.cfe.platform.proto.Dates;
import uk.portsmouth.cfe.platform.testing.TestDates;
import uk.portsmouth.cfe.proto.attendance.v1.NewPupilDetails;
import uk.portsmouth.cfe.proto.attendance.v1.NewPupilReturn;
import uk.portsmouth.cfe.proto.attendance.v1.NewPupilReturnStatus;
import uk.portsmouth.cfe.proto.attendance.v1.ParentRelationship;
import uk.portsmouth.cfe.proto.attendance.v1.Pupil;
import uk.portsmouth.cfe.proto.attendance.v1.ReturnParent;
import uk.portsmouth.cfe.proto.attendance.v1.Sex;

class NewPupilReturnRulesTest {

    private static final String NOW = "2026-11-28T10:00:00Z";

    private static Pupil pupil(String admissionDate) {
        return Pupil.newBuilder()
                .setUrn("116000")
                .setUpn("B801200005001")
                .setGivenName("Ada")
                .setFamilyName("New")
                .setDateOfBirth(Dates.of(LocalDate.of(2016, 1, 2)))
                .setAdmissionDate(TestDates.date(admissionDate))
                .build();
    }

    /** Worked examples: entry (empty: none given), first roll sync, the sync's day, and the return owed. */
    @ParameterizedTest(name = "entry {0}, first sync {1}, synced {2}: {3}")
    @CsvSource({
        // on the day of the first sync, pupils entered before it were on roll before the platform
        "2026-09-02, 2026-11-02, 2026-11-02, none",
        // entered on the first sync's day: owed, due five days later
        "2026-11-02, 2026-11-02, 2026-11-02, due 2026-11-07",
        "'',         2026-11-02, 2026-11-02, due 2026-11-07",
        // a later sync: every addition owes one, even one entered long before (late: overdue at once)
        "2026-11-10, 2026-11-02, 2026-11-10, due 2026-11-15",
        "2026-09-02, 2026-11-02, 2026-11-10, due 2026-09-07",
        // a Friday entry: five days, not school days (due on the Wednesday)
        "2026-11-27, 2026-11-02, 2026-11-27, due 2026-12-02",
    })
    void aRollSyncsAdditionOwesAReturnDueFiveDaysAfterItsEntry(
            String entry, String firstSync, String synced, String expected) {
        var owed = NewPupilReturnRules.owedFor(pupil(entry), LocalDate.parse(firstSync), LocalDate.parse(synced), NOW);
        assertThat(owed.map(r -> "due " + Dates.text(r.getDueBy())).orElse("none"), is(expected));
        owed.ifPresent(r -> assertThat(r.getStatus(), is(NewPupilReturnStatus.NEW_PUPIL_RETURN_STATUS_DUE)));
    }

    @Test
    void aReturnIsOverdueOnlyWhileStillDueAfterItsDueDate() {
        NewPupilReturn due = NewPupilReturnRules.owedFor(
                        pupil("2026-11-02"), LocalDate.parse("2026-11-02"), LocalDate.parse("2026-11-02"), NOW)
                .orElseThrow();
        assertThat(NewPupilReturnRules.asOf(due, LocalDate.parse("2026-11-07")).getOverdue(), is(false));
        assertThat(NewPupilReturnRules.asOf(due, LocalDate.parse("2026-11-08")).getOverdue(), is(true));
        NewPupilReturn sent = NewPupilReturnRules.submitted(due, complete(), LocalDate.parse("2026-11-09"), NOW, "mis");
        assertThat(sent.getLate(), is(true));
        assertThat(NewPupilReturnRules.asOf(sent, LocalDate.parse("2026-11-20")).getOverdue(), is(false));
        ConflictException again = assertThrows(
                ConflictException.class,
                () -> NewPupilReturnRules.submitted(sent, complete(), LocalDate.parse("2026-11-10"), NOW, "mis"));
        assertThat(again.field(), is("/status"));
    }

    @Test
    void anIncompleteReturnNamesEveryMissingField() {
        NewPupilReturn due = NewPupilReturnRules.owedFor(
                        pupil("2026-11-02"), LocalDate.parse("2026-11-02"), LocalDate.parse("2026-11-02"), NOW)
                .orElseThrow();
        NewPupilDetails bad = NewPupilDetails.newBuilder()
                .setSexValue(99)
                .addParents(ReturnParent.newBuilder().setRelationshipValue(99))
                .setPreviousSchoolUrn("12")
                .build();
        InvalidInputException refused = assertThrows(
                InvalidInputException.class,
                () -> NewPupilReturnRules.submitted(due, bad, LocalDate.parse("2026-11-03"), NOW, "mis"));
        assertThat(
                refused.errors().stream().map(FieldError::field).toList(),
                containsInAnyOrder(
                        "/sex",
                        "/address",
                        "/parents/0/name",
                        "/parents/0/relationship",
                        "/previous_school",
                        "/previous_school_urn"));
    }

    private static NewPupilDetails complete() {
        return NewPupilDetails.newBuilder()
                .setSex(Sex.SEX_FEMALE)
                .setAddress("1 High Street, Portsmouth PO1 1AA")
                .addParents(ReturnParent.newBuilder()
                        .setName("Bea New")
                        .setRelationship(ParentRelationship.PARENT_RELATIONSHIP_MOTHER))
                .setPreviousSchool("none")
                .build();
    }
}
