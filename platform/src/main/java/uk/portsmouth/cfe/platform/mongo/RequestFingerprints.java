package uk.portsmouth.cfe.platform.mongo;

import com.google.protobuf.Message;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
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

    /** Refuses (409) a request whose key made a record for a different request (or for one made before fingerprints were kept). */
    public static void requireSame(String fingerprint, Optional<String> first) {
        if (!first.map(fingerprint::equals).orElse(false)) {
            throw new ConflictException(
                    "Idempotency-Key", "This Idempotency-Key was already used for a different request");
        }
    }
}
