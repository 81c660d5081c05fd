package uk.portsmouth.cfe.gateway.webhooks;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;

/**
 * Where the platform may send a webhook: an https address whose host resolves only to public
 * addresses (never private, link-local, cloud metadata, loopback, carrier-grade NAT, multicast or
 * unspecified ones), checked when a subscription names it and again, after a fresh DNS lookup,
 * before every delivery. Where {@code allowLoopback} (the embedded default, for a developer's own
 * receiver) an http or https address on this machine's loopback is allowed too.
 */
final class OutboundTargets {

    static final int MAX_URL = 2_048;

    private final boolean allowLoopback;

    OutboundTargets(boolean allowLoopback) {
        this.allowLoopback = allowLoopback;
    }

    /** Why {@code url} may not be sent to now; empty when it may. */
    Optional<String> refusal(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return Optional.of("url is not an address");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (url.length() > MAX_URL
                || uri.getHost() == null
                || uri.getRawUserInfo() != null
                || uri.getRawFragment() != null) {
            return Optional.of("url is an absolute address without user information or fragment, at most " + MAX_URL
                    + " characters");
        }
        if (!scheme.equals("https") && !scheme.equals("http")) {
            return Optional.of("url is https");
        }
        InetAddress address;
        try {
            address = address(uri.getHost());
        } catch (Refused e) {
            return Optional.of(e.getMessage());
        }
        // plain http only to a developer's own receiver on this machine
        return scheme.equals("https") || address.isLoopbackAddress() ? Optional.empty() : Optional.of("url is https");
    }

    /**
     * The address to connect to for {@code host}, looked up now: the first of its addresses when
     * every one may be sent to (public; loopback where allowed). The courier's HTTP client connects
     * through this, so the address checked is the address connected to: a name that resolves to a
     * public address at the check and a private one a moment later (DNS rebinding) is refused.
     */
    InetAddress address(String host) {
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            throw new Refused("url's host " + host + " does not resolve");
        }
        for (InetAddress address : addresses) {
            if (address.isLoopbackAddress()) {
                if (!allowLoopback) {
                    throw new Refused("url's host is this machine's loopback, which the platform does not send to");
                }
            } else if (!isPublic(address)) {
                throw new Refused("url's host resolves to " + address.getHostAddress()
                        + ", a private, link-local or reserved address the platform does not send to");
            }
        }
        return addresses[0];
    }

    /** A target the platform does not send to, and why. */
    static final class Refused extends RuntimeException {
        Refused(String why) {
            super(why, null, false, false);
        }
    }

    /** Not private, link-local (cloud metadata included), carrier-grade NAT, multicast or unspecified. */
    static boolean isPublic(InetAddress address) {
        if (address.isAnyLocalAddress()
                || address.isLoopbackAddress()
                || address.isLinkLocalAddress()
                || address.isSiteLocalAddress()
                || address.isMulticastAddress()) {
            return false;
        }
        byte[] bytes = address.getAddress();
        if (address instanceof Inet4Address) {
            int first = bytes[0] & 0xff;
            int second = bytes[1] & 0xff;
            return first != 0 // "this network"
                    && !(first == 100 && second >= 64 && second < 128) // carrier-grade NAT
                    && !(first == 192 && second == 0 && (bytes[2] & 0xff) == 0) // IETF protocol assignments
                    && !(first == 198 && (second == 18 || second == 19)) // benchmarking
                    && first < 240; // reserved, broadcast
        }
        if (address instanceof Inet6Address) {
            int first = bytes[0] & 0xff;
            boolean uniqueLocal = (first & 0xfe) == 0xfc; // fc00::/7
            boolean mappedV4 = isMappedV4(bytes);
            if (mappedV4) {
                try {
                    return isPublic(InetAddress.getByAddress(new byte[] {bytes[12], bytes[13], bytes[14], bytes[15]}));
                } catch (UnknownHostException e) {
                    return false;
                }
            }
            return !uniqueLocal;
        }
        return false;
    }

    private static boolean isMappedV4(byte[] bytes) {
        for (int i = 0; i < 10; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return (bytes[10] & 0xff) == 0xff && (bytes[11] & 0xff) == 0xff;
    }
}
