package uk.portsmouth.cfe.platform.proto;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.EnumDescriptor;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import com.google.protobuf.ProtocolMessageEnum;
import com.google.protobuf.UnknownFieldSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import uk.portsmouth.cfe.proto.common.v1.ClosedSetsProto;

/**
 * A closed set's values by the names the API and the store give them ({@code json_name} in
 * cfe/common/v1/closed_sets.proto): {@code ABSENCE_REPORT_STATUS_REPORTED} is {@code "reported"}. The
 * enum is the type inside the platform; the name is what JSON carries, unchanged from when these
 * fields were strings.
 */
public final class ClosedSets {

    private static final Map<Descriptor, Boolean> NAMED = new ConcurrentHashMap<>();
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

    /** Whether a message of this type carries a closed set anywhere (fields, nested messages). */
    static boolean hasNamedSets(Descriptor type) {
        Boolean named = NAMED.get(type);
        if (named == null) {
            named = hasNamedSets(type, new HashSet<>());
            NAMED.put(type, named);
        }
        return named;
    }

    /**
     * Upgrades a message read from bytes kept before some of its strings became closed sets: such a
     * string arrives as an unknown field at its enum's number (a changed wire type), and its text is
     * the value's JSON name, so it is set as that value. Nested messages too; a value no longer in
     * the set is left unknown.
     */
    public static void upgradeOlderShape(Message.Builder message) {
        Descriptor type = message.getDescriptorForType();
        if (!hasNamedSets(type)) {
            return;
        }
        UnknownFieldSet unknown = message.getUnknownFields();
        UnknownFieldSet.Builder left = UnknownFieldSet.newBuilder(unknown);
        for (FieldDescriptor field : type.getFields()) {
            if (field.getType() == FieldDescriptor.Type.ENUM && unknown.hasField(field.getNumber())) {
                for (ByteString text : unknown.getField(field.getNumber()).getLengthDelimitedList()) {
                    byJsonName(field.getEnumType(), text.toStringUtf8()).ifPresent(value -> {
                        if (field.isRepeated()) {
                            message.addRepeatedField(field, value);
                        } else {
                            message.setField(field, value);
                        }
                        left.clearField(field.getNumber());
                    });
                }
            } else if (field.getJavaType() == FieldDescriptor.JavaType.MESSAGE && !field.isMapField()) {
                if (field.isRepeated()) {
                    for (int i = 0; i < message.getRepeatedFieldCount(field); i++) {
                        upgradeOlderShape(message.getRepeatedFieldBuilder(field, i));
                    }
                } else if (message.hasField(field)) {
                    upgradeOlderShape(message.getFieldBuilder(field));
                }
            }
        }
        message.setUnknownFields(left.build());
    }

    /** {@code json} (printed from a {@code type} message) with every closed set's value by its JSON name. */
    static void toJsonNames(Descriptor type, JsonObject json) {
        rename(type, json, "", (enumType, name) -> toJson(enumType).getOrDefault(name, name), (field, set) -> {});
    }

    /**
     * {@code json} (to be read into a {@code type} message) with every closed set's value by its proto
     * name; a value the set does not have is passed to {@code unknown} by its JSON pointer, with its set.
     */
    static void toProtoNames(Descriptor type, JsonObject json, BiConsumer<String, EnumDescriptor> unknown) {
        rename(type, json, "", (enumType, name) -> toProto(enumType).get(name), unknown);
    }

    /** The set's values by their JSON names, in the order the set declares them. */
    public static List<String> jsonNames(EnumDescriptor type) {
        return type.getValues().stream()
                .map(ClosedSets::jsonName)
                .filter(name -> !name.isEmpty())
                .toList();
    }

    private static void rename(
            Descriptor type,
            JsonObject json,
            String path,
            BiFunction<EnumDescriptor, String, String> name,
            BiConsumer<String, EnumDescriptor> unknown) {
        if (!hasNamedSets(type)) {
            return;
        }
        for (FieldDescriptor field : type.getFields()) {
            String key = json.has(field.getName()) ? field.getName() : field.getJsonName();
            JsonElement value = json.get(key);
            if (value == null || value.isJsonNull()) {
                continue;
            }
            String fieldPath = path + "/" + field.getName();
            if (field.isMapField()) {
                FieldDescriptor mapValue = field.getMessageType().findFieldByName("value");
                if (value.isJsonObject()) {
                    JsonObject entries = value.getAsJsonObject();
                    for (String entry : entries.keySet()) {
                        entries.add(
                                entry, renamed(mapValue, entries.get(entry), fieldPath + "/" + entry, name, unknown));
                    }
                }
            } else if (field.isRepeated() && value.isJsonArray()) {
                JsonArray items = value.getAsJsonArray();
                for (int i = 0; i < items.size(); i++) {
                    items.set(i, renamed(field, items.get(i), fieldPath + "/" + i, name, unknown));
                }
            } else {
                json.add(key, renamed(field, value, fieldPath, name, unknown));
            }
        }
    }

    private static JsonElement renamed(
            FieldDescriptor field,
            JsonElement value,
            String path,
            BiFunction<EnumDescriptor, String, String> name,
            BiConsumer<String, EnumDescriptor> unknown) {
        if (field.getType() == FieldDescriptor.Type.ENUM
                && value.isJsonPrimitive()
                && value.getAsJsonPrimitive().isString()
                && !toJson(field.getEnumType()).isEmpty()) {
            String renamed = name.apply(field.getEnumType(), value.getAsString());
            if (renamed == null) {
                unknown.accept(path, field.getEnumType());
                return value;
            }
            return new JsonPrimitive(renamed);
        }
        if (field.getType() == FieldDescriptor.Type.MESSAGE && value.isJsonObject()) {
            rename(field.getMessageType(), value.getAsJsonObject(), path, name, unknown);
        }
        return value;
    }

    private static boolean hasNamedSets(Descriptor type, Set<Descriptor> seen) {
        if (!seen.add(type)) {
            return false;
        }
        for (FieldDescriptor field : type.getFields()) {
            if (field.getType() == FieldDescriptor.Type.ENUM
                    && !toJson(field.getEnumType()).isEmpty()) {
                return true;
            }
            if (field.getType() == FieldDescriptor.Type.MESSAGE && hasNamedSets(field.getMessageType(), seen)) {
                return true;
            }
        }
        return false;
    }

    private static Map<String, String> toJson(EnumDescriptor type) {
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

    private static Map<String, String> toProto(EnumDescriptor type) {
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
