package uk.portsmouth.cfe.platform.trust;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import uk.portsmouth.cfe.platform.testing.TestClock;
import uk.portsmouth.cfe.platform.testing.TestTrust;
import uk.portsmouth.cfe.proto.common.v1.CallerContext;

/**
 * Assertions reused and believed again, never beyond what a fresh one would be: the same caller,
 * service and method get the same assertion for half its lifetime (30 s here), any difference a new
 * one; a verified assertion is believed again only byte for byte, for its own method, until it
 * expires.
 */
class CallerAssertionsTest {

    private static final String SERVICE = "fsp-service";
    private static final String METHOD = "cfe.fsp.v1.FspService/GetPlan";
    private static final CallerContext USER = CallerContext.newBuilder()
            .setSubject("prof-1")
            .setClientId("portal")
            .addRoles("professional")
            .setProfessionalId("prof-1")
            .setCorrelationId("c-1")
            .build();

    private final TestClock clock = new TestClock(Instant.parse("2026-12-06T09:00:00Z"));
    private final CallerAssertions gateway = new CallerAssertions(TestTrust.trust(Trust.GATEWAY), clock);
    private final CallerAssertions fsp = new CallerAssertions(TestTrust.trust(SERVICE), clock);

    @Test
    void theSameCallerServiceAndMethodReuseAnAssertionForHalfItsLifetime() {
        String first = gateway.sign(USER, SERVICE, METHOD);
        // another request of the same caller: its correlation id is not in the assertion
        assertThat(gateway.sign(USER.toBuilder().setCorrelationId("c-2").build(), SERVICE, METHOD), is(first));
        clock.advance(Duration.ofSeconds(14));
        assertThat(gateway.sign(USER, SERVICE, METHOD), is(first));
        clock.advance(Duration.ofSeconds(2));
        assertThat(gateway.sign(USER, SERVICE, METHOD), is(not(first)));
    }

    @Test
    void anyDifferenceInWhoWhereOrWhatIsANewAssertion() {
        String first = gateway.sign(USER, SERVICE, METHOD);
        assertThat(gateway.sign(USER.toBuilder().addRoles("la_admin").build(), SERVICE, METHOD), is(not(first)));
        assertThat(gateway.sign(USER.toBuilder().setPurpose("s47 enquiry").build(), SERVICE, METHOD), is(not(first)));
        assertThat(gateway.sign(USER, "attendance-service", METHOD), is(not(first)));
        assertThat(gateway.sign(USER, SERVICE, "cfe.fsp.v1.FspService/UpdatePlan"), is(not(first)));
        assertThat(gateway.sign(null, SERVICE, METHOD), is(not(first)));
    }

    @Test
    void aBelievedAssertionIsRefusedOnceItExpires() throws Exception {
        String assertion = gateway.sign(USER, SERVICE, METHOD);
        CallerContext believed = USER.toBuilder().clearCorrelationId().build();
        assertThat(fsp.verify(assertion, METHOD).caller(), is(believed));
        clock.advance(Duration.ofSeconds(34)); // 30 s lifetime and 5 s of clock skew
        assertThat(fsp.verify(assertion, METHOD).caller(), is(believed));
        clock.advance(Duration.ofSeconds(2));
        CallerAssertions.RefusedException expired =
                assertThrows(CallerAssertions.RefusedException.class, () -> fsp.verify(assertion, METHOD));
        assertThat(expired.getMessage(), containsString("expired"));
    }

    @Test
    void aBelievedAssertionIsStillOnlyForItsMethodAndOnlyByteForByte() throws Exception {
        String assertion = gateway.sign(USER, SERVICE, METHOD);
        fsp.verify(assertion, METHOD);
        assertThrows(
                CallerAssertions.RefusedException.class,
                () -> fsp.verify(assertion, "cfe.fsp.v1.FspService/DeletePlan"));
        // the same claims with one character of the signature changed: verified afresh, refused
        int at = assertion.length() - 10;
        String tampered =
                assertion.substring(0, at) + (assertion.charAt(at) == 'A' ? 'B' : 'A') + assertion.substring(at + 1);
        assertThrows(CallerAssertions.RefusedException.class, () -> fsp.verify(tampered, METHOD));
        // addressed to fsp-service: attendance-service does not believe it, cached or not
        CallerAssertions attendance = new CallerAssertions(TestTrust.trust("attendance-service"), clock);
        assertThrows(CallerAssertions.RefusedException.class, () -> attendance.verify(assertion, METHOD));
    }

    @Test
    void onlyTheGatewaySpeaksForAUser() {
        assertThrows(IllegalStateException.class, () -> fsp.sign(USER, "attendance-service", METHOD));
    }

    @Test
    void aCorrelationIdIsTakenOnlyWhenItIsOne() {
        assertThat(CallerAssertions.correlationId("4f1c-a9.x_2"), is("4f1c-a9.x_2"));
        assertThat(CallerAssertions.correlationId("a b"), is(""));
        assertThat(CallerAssertions.correlationId("x".repeat(65)), is(""));
        assertThat(CallerAssertions.correlationId(null), is(""));
        assertThat(CallerAssertions.correlationId(""), is(""));
        assertThat(CallerAssertions.correlationId("x".repeat(64)), is("x".repeat(64)));
        assertThat(CallerAssertions.correlationId("AZaz09._-"), is("AZaz09._-"));
        for (String refused : new String[] {"a/b", "a:b", "é", "a\nb", "a@b", "[", "`", "{", "~"}) {
            assertThat(refused, CallerAssertions.correlationId(refused), is(""));
        }
    }

    @Test
    void theGatewaySpeaksForItselfOnlyAsTheGateway() throws Exception {
        CallerContext itself = CallerContext.newBuilder()
                .setSubject("webhook-dispatcher")
                .setActingService(Trust.GATEWAY)
                .build();
        CallerContext believed =
                fsp.verify(gateway.sign(itself, SERVICE, METHOD), METHOD).caller();
        assertThat(believed.getActingService(), is(Trust.GATEWAY));
        // an end user's assertion never names an acting service
        assertThat(
                fsp.verify(gateway.sign(USER, SERVICE, METHOD), METHOD).caller().getActingService(), is(""));
        // the gateway cannot pass itself off as another service
        String posing = gateway.sign(
                itself.toBuilder().setActingService("attendance-service").build(), SERVICE, METHOD);
        CallerAssertions.RefusedException refused =
                assertThrows(CallerAssertions.RefusedException.class, () -> fsp.verify(posing, METHOD));
        assertThat(refused.getMessage(), containsString("only for the gateway itself"));
    }
}
