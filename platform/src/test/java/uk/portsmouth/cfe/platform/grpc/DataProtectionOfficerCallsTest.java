package uk.portsmouth.cfe.platform.grpc;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.grpc.Context;
import org.junit.jupiter.api.Test;
import uk.portsmouth.cfe.platform.errors.ForbiddenException;
import uk.portsmouth.cfe.proto.common.v1.CallerContext;

/** The audit trail, subject access and retention answer the DPO asking through the gateway, and no one else. */
class DataProtectionOfficerCallsTest {

    private static CallerContext as(CallerContext caller) throws Exception {
        return Context.current()
                .withValue(CallerContexts.CALLER, caller)
                .call(() -> CallerContexts.requireDataProtectionOfficer("DPO only"));
    }

    @Test
    void theDpoThroughTheGatewayOnly() throws Exception {
        CallerContext dpo =
                CallerContext.newBuilder().setSubject("dpo").addRoles("dpo").build();
        assertThat(as(dpo).getSubject(), is("dpo"));
        assertThrows(
                ForbiddenException.class,
                () -> as(dpo.toBuilder().setViaService("fsp-service").build()));
        assertThrows(
                ForbiddenException.class,
                () -> as(CallerContext.newBuilder()
                        .setSubject("admin")
                        .addRoles("la_admin")
                        .build()));
        assertThrows(
                ForbiddenException.class,
                () -> as(CallerContext.newBuilder()
                        .setActingService("fsp-service")
                        .build()));
    }
}
