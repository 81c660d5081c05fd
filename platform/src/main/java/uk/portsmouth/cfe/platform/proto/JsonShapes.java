package uk.portsmouth.cfe.platform.proto;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.type.Date;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;

/**
 * Where the platform's JSON differs from protobuf's own JSON mapping, and the walk that turns one
 * into the other: a closed set's value by its JSON name ({@link ClosedSets}) and a date as {@code
 * "YYYY-MM-DD"} ({@link Dates}) rather than {@code {"year":..,"month":..,"day":..}}.
 */
final class JsonShapes {

    private static final Map<Descriptor, Boolean> SHAPED = new ConcurrentHashMap<>();
    private static final Descriptor DATE = Date.getDescriptor();
    private static final String DATE_RULE = "must be a date, e.g. 2026-11-27";

    private JsonShapes() {}

    /** Whether a message of this type has a closed set or a date anywhere (fields, nested messages). */
    static boolean hasShapedFields(Descriptor type) {
        Boolean shaped = SHAPED.get(type);
        if (shaped == null) {
            shaped = hasShapedFields(type, new HashSet<>());
            SHAPED.put(type, shaped);
        }
        return shaped;
    }

    /** {@code json} (printed by protobuf from a {@code type} message) in the platform's shape. */
    static void toPlatformShape(Descriptor type, JsonObject json) {
        walk(type, json, "", new Direction(true, (path, rule) -> {}));
    }

    /**
     * {@code json} (in the platform's shape, to be read into a {@code type} message) as protobuf reads
     * it; a value that does not fit is passed to {@code unreadable} by its JSON pointer, with the rule.
     */
    static void toProtobufShape(Descriptor type, JsonObject json, BiConsumer<String, String> unreadable) {
        walk(type, json, "", new Direction(false, unreadable));
    }

    private record Direction(boolean outward, BiConsumer<String, String> unreadable) {}

    private static void walk(Descriptor type, JsonObject json, String path, Direction direction) {
        if (!hasShapedFields(type)) {
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
                    for (String entry : Set.copyOf(entries.keySet())) {
                        entries.add(entry, reshaped(mapValue, entries.get(entry), fieldPath + "/" + entry, direction));
                    }
                }
            } else if (field.isRepeated() && value.isJsonArray()) {
                JsonArray items = value.getAsJsonArray();
                for (int i = 0; i < items.size(); i++) {
                    items.set(i, reshaped(field, items.get(i), fieldPath + "/" + i, direction));
                }
            } else {
                JsonElement reshaped = reshaped(field, value, fieldPath, direction);
                if (reshaped == null) {
                    json.remove(key);
                } else {
                    json.add(key, reshaped);
                }
            }
        }
    }

    /** The value in the other shape; null for an empty date, which JSON leaves out. */
    private static JsonElement reshaped(FieldDescriptor field, JsonElement value, String path, Direction direction) {
        if (field.getType() == FieldDescriptor.Type.ENUM) {
            return closedSetValue(field, value, path, direction);
        }
        if (field.getType() == FieldDescriptor.Type.MESSAGE && field.getMessageType() == DATE) {
            return direction.outward() ? dateText(value) : dateObject(value, path, direction);
        }
        if (field.getType() == FieldDescriptor.Type.MESSAGE && value.isJsonObject()) {
            walk(field.getMessageType(), value.getAsJsonObject(), path, direction);
        }
        return value;
    }

    private static JsonElement closedSetValue(
            FieldDescriptor field, JsonElement value, String path, Direction direction) {
        Map<String, String> names =
                direction.outward() ? ClosedSets.toJson(field.getEnumType()) : ClosedSets.toProto(field.getEnumType());
        if (names.isEmpty()
                || !value.isJsonPrimitive()
                || !value.getAsJsonPrimitive().isString()) {
            return value;
        }
        String renamed = names.get(value.getAsString());
        if (renamed == null) {
            if (!direction.outward()) {
                direction
                        .unreadable()
                        .accept(path, "must be one of " + String.join(", ", ClosedSets.jsonNames(field.getEnumType())));
            }
            return value; // printing: a value this build does not name stays as protobuf printed it
        }
        return new JsonPrimitive(renamed);
    }

    private static JsonElement dateText(JsonElement printed) {
        if (!printed.isJsonObject()) {
            return printed;
        }
        JsonObject parts = printed.getAsJsonObject();
        int year = parts.has("year") ? parts.get("year").getAsInt() : 0;
        if (year == 0) {
            return null;
        }
        int month = parts.has("month") ? parts.get("month").getAsInt() : 0;
        int day = parts.has("day") ? parts.get("day").getAsInt() : 0;
        return new JsonPrimitive(String.format("%04d-%02d-%02d", year, month, day));
    }

    private static JsonElement dateObject(JsonElement value, String path, Direction direction) {
        if (!value.isJsonPrimitive() || !value.getAsJsonPrimitive().isString()) {
            direction.unreadable().accept(path, DATE_RULE);
            return value;
        }
        if (value.getAsString().isEmpty()) {
            return null; // "" was how an absent date read while dates were strings
        }
        Optional<LocalDate> date = Dates.parse(value.getAsString());
        if (date.isEmpty()) {
            direction.unreadable().accept(path, DATE_RULE);
            return value;
        }
        JsonObject parts = new JsonObject();
        parts.addProperty("year", date.get().getYear());
        parts.addProperty("month", date.get().getMonthValue());
        parts.addProperty("day", date.get().getDayOfMonth());
        return parts;
    }

    private static boolean hasShapedFields(Descriptor type, Set<Descriptor> seen) {
        if (!seen.add(type)) {
            return false;
        }
        for (FieldDescriptor field : type.getFields()) {
            if (field.getType() == FieldDescriptor.Type.ENUM
                    && !ClosedSets.toJson(field.getEnumType()).isEmpty()) {
                return true;
            }
            if (field.getType() == FieldDescriptor.Type.MESSAGE
                    && (field.getMessageType() == DATE || hasShapedFields(field.getMessageType(), seen))) {
                return true;
            }
        }
        return false;
    }
}
