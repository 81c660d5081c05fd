package uk.portsmouth.cfe.directory.domain;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.regex.Pattern;

/** Directory ids are UUIDs (ORUK requires them): random for new records, or derived from a stable name. */
public final class Ids {

    private static final Pattern UUID_PATTERN =
            Pattern.compile("^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$");

    private Ids() {}

    public static boolean isUuid(String value) {
        return value != null && UUID_PATTERN.matcher(value).matches();
    }

    /** A UUID that is the same every time for the same name (RFC 4122 name-based). */
    public static String stable(String name) {
        return UUID.nameUUIDFromBytes(("cfe.portsmouth.uk/directory/" + name).getBytes(StandardCharsets.UTF_8))
                .toString();
    }

    public static String random() {
        return UUID.randomUUID().toString();
    }
}
