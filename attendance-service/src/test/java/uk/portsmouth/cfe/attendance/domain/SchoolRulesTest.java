package uk.portsmouth.cfe.attendance.domain;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import uk.portsmouth.cfe.platform.errors.FieldError;
import uk.portsmouth.cfe.platform.errors.InvalidInputException;
import uk.portsmouth.cfe.proto.attendance.v1.School;
import uk.portsmouth.cfe.proto.attendance.v1.SchoolPhase;
import uk.portsmouth.cfe.proto.attendance.v1.SchoolStatus;
import uk.portsmouth.cfe.proto.common.v1.Locality;

class SchoolRulesTest {

    private static final School VALID = School.newBuilder()
            .setUrn("116000")
            .setLaestab("8512001")
            .setName("Harbourside Primary School")
            .setPhase(SchoolPhase.SCHOOL_PHASE_PRIMARY)
            .setLocality(Locality.LOCALITY_NORTH)
            .setPostcode("PO6 3AB")
            .setStatus(SchoolStatus.SCHOOL_STATUS_OPEN)
            .build();

    @Test
    void aCompleteSchoolIsValid() {
        assertDoesNotThrow(() -> SchoolRules.validate(VALID));
        assertDoesNotThrow(
                () -> SchoolRules.validate(VALID.toBuilder().clearPostcode().build()));
    }

    @Test
    void everyProblemIsNamed() {
        School bad = School.newBuilder()
                .setUrn("11600")
                .setLaestab("851200")
                .setName(" ")
                .setPhaseValue(99)
                .setLocality(Locality.LOCALITY_CITY_WIDE)
                .setPostcode("po6 3ab")
                .setStatusValue(99)
                .build();
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> SchoolRules.validate(bad));
        assertThat(
                e.errors().stream().map(FieldError::field).toList(),
                containsInAnyOrder("/urn", "/laestab", "/name", "/phase", "/locality", "/postcode", "/status"));
    }

    @Test
    void urnsAreSixDigits() {
        assertThat(SchoolRules.isUrn("116000"), org.hamcrest.Matchers.is(true));
        assertThat(SchoolRules.isUrn("11600a"), org.hamcrest.Matchers.is(false));
        assertThat(SchoolRules.isUrn("1160000"), org.hamcrest.Matchers.is(false));
    }
}
