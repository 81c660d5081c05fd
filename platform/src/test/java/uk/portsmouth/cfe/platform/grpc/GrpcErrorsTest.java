package uk.portsmouth.cfe.platform.grpc;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.List;
import org.junit.jupiter.api.Test;
import uk.portsmouth.cfe.platform.errors.FieldError;
import uk.portsmouth.cfe.platform.errors.ForbiddenException;
import uk.portsmouth.cfe.platform.errors.InvalidInputException;
import uk.portsmouth.cfe.platform.errors.NotFoundException;
import uk.portsmouth.cfe.platform.errors.VersionConflictException;

class GrpcErrorsTest {

    @Test
    void fieldErrorsSurviveTheRoundTrip() {
        StatusRuntimeException status = GrpcErrors.toStatus(new InvalidInputException(
                "bad", List.of(new FieldError("/name", "required"), new FieldError("age", "too old"))));
        assertThat(status.getStatus().getCode(), is(Status.Code.INVALID_ARGUMENT));
        assertThat(
                GrpcErrors.fieldErrors(status),
                contains(new FieldError("/name", "required"), new FieldError("age", "too old")));
    }

    @Test
    void versionConflictsCarryTheCurrentVersion() {
        StatusRuntimeException status = GrpcErrors.toStatus(new VersionConflictException(1, 4));
        assertThat(status.getStatus().getCode(), is(Status.Code.FAILED_PRECONDITION));
        assertThat(GrpcErrors.currentVersion(status).orElseThrow(), is(4L));
    }

    @Test
    void mapsTheRestAndHidesUnexpectedFailures() {
        assertThat(
                GrpcErrors.toStatus(new NotFoundException("service", "x"))
                        .getStatus()
                        .getCode(),
                is(Status.Code.NOT_FOUND));
        assertThat(
                GrpcErrors.toStatus(new ForbiddenException("no")).getStatus().getCode(),
                is(Status.Code.PERMISSION_DENIED));
        // an id as long as a client cares to send never fills the trailer (a fuzz finding: 500 at 4,000 characters)
        StatusRuntimeException missing = GrpcErrors.toStatus(new NotFoundException("school", "x".repeat(10_000)));
        assertThat(String.valueOf(missing.getStatus().getDescription()).length() <= 101, is(true));
        // a store that does not answer (a heartbeat timeout, a pool the driver closed) is a call to retry, not a fault
        assertThat(
                GrpcErrors.toStatus(new com.mongodb.MongoTimeoutException("no server"))
                        .getStatus()
                        .getCode(),
                is(Status.Code.UNAVAILABLE));
        assertThat(
                GrpcErrors.toStatus(new RuntimeException(new IllegalStateException("state should be: open")))
                        .getStatus()
                        .getCode(),
                is(Status.Code.UNAVAILABLE));
        StatusRuntimeException internal = GrpcErrors.toStatus(new IllegalStateException("secret detail"));
        assertThat(internal.getStatus().getCode(), is(Status.Code.INTERNAL));
        assertThat(String.valueOf(internal.getStatus().getDescription()), not(containsString("secret")));
    }
}
