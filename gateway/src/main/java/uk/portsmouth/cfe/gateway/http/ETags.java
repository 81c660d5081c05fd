package uk.portsmouth.cfe.gateway.http;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Entity tags. A record's tag is its version ({@code "v3"}), which is what If-Match compares;
 * a list's tag is a digest of its body, which is what If-None-Match compares for partners' pulls.
 */
public final class ETags {

    /** SHA-256, looked up once: a copy of a digest is cheaper than finding its provider at every answer. */
    private static final MessageDigest SHA_256 = sha256();

    private ETags() {}

    /** The tag of a versioned record. */
    public static String ofVersion(long version) {
        return "\"v" + version + "\"";
    }

    /** The tag of a body with no version (lists, reference data), as the bytes it is sent as. */
    public static String ofBody(byte[] body) {
        byte[] digest = newDigest().digest(body);
        return "\"" + HexFormat.of().formatHex(digest, 0, 16) + "\"";
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private static MessageDigest newDigest() {
        try {
            return (MessageDigest) SHA_256.clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException(e);
        }
    }

    /** True when the client already holds {@code etag} (If-None-Match). */
    public static boolean notModified(ServerRequest request, String etag) {
        return request.headers()
                .first(HeaderNames.IF_NONE_MATCH)
                .map(header -> header.trim().equals("*")
                        || java.util.Arrays.stream(header.split(","))
                                .map(t -> t.trim().replaceFirst("^W/", ""))
                                .anyMatch(etag::equals))
                .orElse(false);
    }

    /** What a version no record has stands for: it never matches, so the write answers 412. */
    private static final long NO_VERSION = -1;

    /**
     * The version an update is based on, from If-Match: required (428 without it), {@code *}
     * means "whatever is current" (0); "v0" names no version a record has (versions start at 1).
     */
    public static long requiredVersion(ServerRequest request) {
        Optional<String> header = request.headers().first(HeaderNames.IF_MATCH);
        if (header.isEmpty()) {
            throw Problems.preconditionRequired();
        }
        String value = header.get().trim();
        if (value.equals("*")) {
            return 0;
        }
        if (!value.matches("\"v[0-9]{1,18}\"")) {
            throw Problems.invalidParameter("If-Match", "If-Match must be an ETag this API gave you, e.g. \"v3\"");
        }
        long version = Long.parseLong(value.substring(2, value.length() - 1));
        return version == 0 ? NO_VERSION : version;
    }
}
