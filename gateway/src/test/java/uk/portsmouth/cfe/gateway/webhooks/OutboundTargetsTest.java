package uk.portsmouth.cfe.gateway.webhooks;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Where webhooks may go, address by address (IP literals: no DNS needed): the courier connects only
 * through {@link OutboundTargets#address}, so what it refuses here is never connected to, however
 * a name resolved when the subscription was made.
 */
class OutboundTargetsTest {

    private final OutboundTargets production = new OutboundTargets(false);
    private final OutboundTargets embedded = new OutboundTargets(true);

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource({
        "10.0.0.7, private",
        "172.16.4.1, private",
        "192.168.1.1, private",
        "169.254.169.254, link-local (cloud metadata)",
        "100.64.0.1, carrier-grade NAT",
        "0.0.0.0, unspecified",
        "224.0.0.1, multicast",
        "198.18.0.1, benchmarking",
        "240.0.0.1, reserved",
        "fd00::1, unique local",
        "fe80::1, link-local",
        "::ffff:10.0.0.7, private behind an IPv4-mapped address",
    })
    void aPrivateOrReservedAddressIsNeverConnectedTo(String address, String kind) {
        OutboundTargets.Refused refused = assertThrows(OutboundTargets.Refused.class, () -> embedded.address(address));
        assertThat(refused.getMessage(), containsString("private, link-local or reserved"));
        String host = address.contains(":") ? "[" + address + "]" : address;
        assertThat(production.refusal("https://" + host + "/hook").orElse(""), containsString("private, link-local"));
    }

    @Test
    void loopbackOnlyWhereTheEmbeddedDefaultAllowsItAndPublicAddressesAlways() throws Exception {
        assertThrows(OutboundTargets.Refused.class, () -> production.address("127.0.0.1"));
        assertThrows(OutboundTargets.Refused.class, () -> production.address("::1"));
        assertThat(embedded.address("127.0.0.1"), is(InetAddress.getByName("127.0.0.1")));
        assertThat(production.address("93.184.216.34"), is(InetAddress.getByName("93.184.216.34")));
        // plain http only to this machine, and only where allowed
        assertThat(embedded.refusal("http://127.0.0.1:9/hook").isEmpty(), is(true));
        assertThat(production.refusal("http://127.0.0.1:9/hook").orElse(""), containsString("loopback"));
        assertThat(production.refusal("http://93.184.216.34/hook").orElse(""), is("url is https"));
        assertThat(production.refusal("https://93.184.216.34/hook").isEmpty(), is(true));
    }
}
