package uk.portsmouth.cfe.attendance.domain;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import uk.portsmouth.cfe.proto.attendance.v1.AttendanceCategory;

/**
 * The statutory attendance codes as data (docs/domain-reference.md 3, loaded from {@code attendance-codes.json}):
 * each code's category and whether it counts as a possible session. Retired codes (H, J, Y) are
 * known by name so that a mark using one is refused with a reason, not as an unknown code.
 */
public final class AttendanceCodes {

    /** One code. */
    public record Code(String code, String meaning, AttendanceCategory category, boolean possibleSession) {}

    private final Map<String, Code> codes = new LinkedHashMap<>();
    private final Map<String, String> retired = new LinkedHashMap<>();

    public AttendanceCodes(List<Code> codes, Map<String, String> retired) {
        codes.forEach(c -> this.codes.put(c.code(), c));
        this.retired.putAll(retired);
    }

    public Optional<Code> find(String code) {
        return Optional.ofNullable(codes.get(code));
    }

    /** Why {@code code} cannot be used, or empty when it can. */
    public Optional<String> refusal(String code) {
        if (codes.containsKey(code)) {
            return Optional.empty();
        }
        if (retired.containsKey(code)) {
            return Optional.of("code " + code + " is retired: " + retired.get(code));
        }
        return Optional.of("unknown attendance code " + code);
    }

    public List<Code> all() {
        return List.copyOf(codes.values());
    }

    /** Retired code -> what it was. */
    public Map<String, String> retired() {
        return Map.copyOf(retired);
    }
}
