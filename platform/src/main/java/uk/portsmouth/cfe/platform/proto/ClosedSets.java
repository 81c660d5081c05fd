package uk.portsmouth.cfe.platform.proto;

import com.google.protobuf.Descriptors.EnumDescriptor;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.ProtocolMessageEnum;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import uk.portsmouth.cfe.proto.common.v1.ClosedSetsProto;

/**
 * A closed set's values by the names the API and the store give them ({@code json_name} in
 * cfe/common/v1/closed_sets.proto): {@code ABSENCE_REPORT_STATUS_REPORTED} is {@code "reported"}. The
 * enum is the type inside the platform; the name is what JSON carries, unchanged from when these
 * fields were strings.
 */
public final class ClosedSets {

    private static final Map<EnumDescriptor, Map<String, String>> TO_JSON = new ConcurrentHashMap<>();
    private static final Map<EnumDescriptor, Map<String, String>> TO_PROTO = new ConcurrentHashMap<>();

    private ClosedSets() {}

    /** Whether a value was given: neither the unspecified 0 nor one this build does not know. */
    public static boolean given(ProtocolMessageEnum value) {
        return !(value instanceof Enum<?> constant && constant.name().equals("UNRECOGNIZED")) && value.getNumber() != 0;
    }

    /** The value's name in JSON ({@code ""} for the unspecified value 0, which JSON leaves out). */
    public static String jsonName(ProtocolMessageEnum value) {
        EnumValueDescriptor descriptor = value.getValueDescriptor();
        return descriptor.getNumber() == 0 ? "" : jsonName(descriptor);
    }

    /** The value's name as words for a person ({@code panel_scheduled} is "panel scheduled"). */
    public static String inWords(ProtocolMessageEnum value) {
        return jsonName(value).replace('_', ' ');
    }

    /** "{@code field} must be one of ..." naming the set's values, for a refusal. */
    public static String rule(String field, EnumDescriptor type) {
        return field + " must be one of " + String.join(", ", jsonNames(type));
    }

    /** The value of {@code type} named {@code jsonName} in JSON; empty for an unknown name. */
    public static Optional<EnumValueDescriptor> byJsonName(EnumDescriptor type, String jsonName) {
        String protoName = toProto(type).get(jsonName);
        return Optional.ofNullable(protoName == null ? null : type.findValueByName(protoName));
    }

    /** The set's values by their JSON names, in the order the set declares them. */
    public static List<String> jsonNames(EnumDescriptor type) {
        return type.getValues().stream()
                .map(ClosedSets::jsonName)
                .filter(name -> !name.isEmpty())
                .toList();
    }

    /** The set's JSON names by proto name (empty for an enum that is not a closed set). */
    static Map<String, String> toJson(EnumDescriptor type) {
        return TO_JSON.computeIfAbsent(type, t -> {
            Map<String, String> names = new HashMap<>();
            for (EnumValueDescriptor value : t.getValues()) {
                String json = jsonName(value);
                if (!json.isEmpty()) {
                    names.put(value.getName(), json);
                }
            }
            return Map.copyOf(names);
        });
    }

    /** The set's proto names by JSON name. */
    static Map<String, String> toProto(EnumDescriptor type) {
        return TO_PROTO.computeIfAbsent(type, t -> {
            Map<String, String> names = new HashMap<>();
            toJson(t).forEach((proto, json) -> names.put(json, proto));
            return Map.copyOf(names);
        });
    }

    private static String jsonName(EnumValueDescriptor value) {
        return value.getOptions().getExtension(ClosedSetsProto.jsonName);
    }
}
