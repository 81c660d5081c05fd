package uk.portsmouth.cfe.platform.mongo;

import com.google.protobuf.Message;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.function.Supplier;
import uk.portsmouth.cfe.platform.errors.ConflictException;

/**
 * What tells a retried create from an Idempotency-Key reused for another request: a fingerprint of
 * what the request asked for, stored with the record it created ({@link VersionedDocuments#REQUEST_HASH}).
 */
public final class RequestFingerprints {

    private RequestFingerprints() {}

    /** SHA-256 of the request's content (hex). */
    public static String of(Message request) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(request.toByteArray()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A create keyed by what it names (a team's name, a school's URN...), sent again: the record the
     * same request made (so a client's retry gets its answer, not a 409), or {@code clash} when
     * another request made it.
     */
    public static <T> T madeBySameRequest(
            String fingerprint,
            Optional<String> first,
            Supplier<Optional<T>> existing,
            Supplier<RuntimeException> clash) {
        if (!first.map(fingerprint::equals).orElse(false)) {
            throw clash.get();
        }
        return existing.get().orElseThrow(clash);
    }

    /**
     * Refuses (409) a request whose key made a record for a different request (or for one made before
     * fingerprints were kept).
     */
    public static void requireSame(String fingerprint, Optional<String> first) {
        if (!first.map(fingerprint::equals).orElse(false)) {
            throw new ConflictException(
                    "Idempotency-Key", "This Idempotency-Key was already used for a different request");
        }
    }
}
