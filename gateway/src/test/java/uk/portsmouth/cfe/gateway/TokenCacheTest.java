package uk.portsmouth.cfe.gateway;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import uk.portsmouth.cfe.gateway.auth.ClientRegistry;
import uk.portsmouth.cfe.gateway.auth.Tokens;
import uk.portsmouth.cfe.platform.testing.TestClock;

/**
 * A verified token is believed again until it expires, never after, and never a token that only
 * looks like it: the cache saves the signature check, not any of the decisions it makes.
 */
class TokenCacheTest {

    private final TestClock clock = new TestClock(Instant.now());
    private final Tokens tokens = Tokens.fromConfig(
            Config.just(ConfigSources.create(Map.of("auth.token-lifetime", "PT15M")))
                    .get("auth"),
            clock);
    private final ClientRegistry.Client client =
            TestPlatform.clients().configured("admin").orElseThrow();

    @Test
    void aVerifiedTokenIsBelievedUntilItExpiresAndRefusedAfter() throws Exception {
        String token = tokens.issue(client);
        assertThat(tokens.verify(token).clientId(), is("admin"));
        clock.advance(Duration.ofMinutes(14));
        assertThat(tokens.verify(token).clientId(), is("admin"));
        // past its expiry and the checker's minute of clock skew: refused, though it was believed before
        clock.advance(Duration.ofMinutes(3));
        assertThrows(Tokens.InvalidTokenException.class, () -> tokens.verify(token));
    }

    @Test
    void aTokenWithAChangedSignatureIsCheckedAfreshAndRefused() throws Exception {
        String token = tokens.issue(client);
        tokens.verify(token);
        int at = token.length() - 10;
        String tampered = token.substring(0, at) + (token.charAt(at) == 'A' ? 'B' : 'A') + token.substring(at + 1);
        assertThrows(Tokens.InvalidTokenException.class, () -> tokens.verify(tampered));
    }
}
