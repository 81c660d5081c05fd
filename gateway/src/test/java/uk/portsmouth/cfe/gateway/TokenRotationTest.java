package uk.portsmouth.cfe.gateway;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.SignedJWT;
import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import uk.portsmouth.cfe.gateway.auth.ClientRegistry;
import uk.portsmouth.cfe.gateway.auth.Tokens;

/**
 * Rotating the token signing key (mounted as a secret): the new key signs, the old one is still
 * published and accepted while its tokens live, and once dropped its tokens are refused.
 */
class TokenRotationTest {

    private static Path keyFile(Path dir, String name) throws Exception {
        RSAKey key = new RSAKeyGenerator(2048).keyID(name).generate();
        Path file = dir.resolve(name + ".json");
        Files.writeString(file, key.toJSONString());
        return file;
    }

    private static Tokens tokens(Path signing, Path... previous) {
        Map<String, String> auth = new java.util.HashMap<>(Map.of("auth.signing-key-file", signing.toString()));
        if (previous.length > 0) {
            auth.put(
                    "auth.previous-signing-key-files",
                    String.join(
                            ",",
                            java.util.Arrays.stream(previous)
                                    .map(Path::toString)
                                    .toList()));
        }
        return Tokens.fromConfig(Config.just(ConfigSources.create(auth)).get("auth"), Clock.systemUTC());
    }

    @SuppressWarnings("unchecked")
    private static List<String> publishedKeyIds(Tokens tokens) {
        return ((List<Map<String, Object>>) tokens.jwks().get("keys"))
                .stream().map(k -> (String) k.get("kid")).toList();
    }

    @Test
    void theOldKeysTokensLiveOutTheirTimeAndNoLonger() throws Exception {
        Path dir = Files.createTempDirectory("cfe-keys");
        Path old = keyFile(dir, "key-2026-11");
        Path current = keyFile(dir, "key-2026-12");
        ClientRegistry.Client client =
                TestPlatform.clients().configured("admin").orElseThrow();

        String before = tokens(old).issue(client);

        Tokens rolling = tokens(current, old);
        assertThat(publishedKeyIds(rolling), is(List.of("key-2026-12", "key-2026-11")));
        assertThat(rolling.verify(before).clientId(), is("admin"));
        String after = rolling.issue(client);
        assertThat(SignedJWT.parse(after).getHeader().getKeyID(), is("key-2026-12"));

        Tokens rolled = tokens(current);
        assertThat(publishedKeyIds(rolled), is(List.of("key-2026-12")));
        assertThat(rolled.verify(after).clientId(), is("admin"));
        assertThrows(Tokens.InvalidTokenException.class, () -> rolled.verify(before));
    }
}
