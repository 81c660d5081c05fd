package uk.portsmouth.cfe.gateway.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;

/**
 * What the protobuf JSON mapping does that API clients trip on, undone: 64-bit integers come as
 * JSON strings ({@code "possible_sessions": "118"}) and zero counts and false flags are left out.
 * Here every integer is a JSON number and every number and flag is present; fields whose absence
 * means something (proto3 {@code optional}, members of a {@code oneof}) stay absent when unset.
 */
final class ApiNumbers {

    private ApiNumbers() {}

    /** The directory's records follow the ORUK standard exactly, as they are. */
    static boolean isOruk(Message message) {
        return message.getDescriptorForType().getFile().getPackage().startsWith("cfe.directory");
    }

    static JsonNode fix(JsonNode node, Descriptor type) {
        if (!(node instanceof ObjectNode object) || type.getFullName().startsWith("google.protobuf")) {
            return node;
        }
        for (FieldDescriptor field : type.getFields()) {
            String name = field.getName();
            JsonNode value = object.get(name);
            if (field.isMapField()) {
                continue;
            }
            if (field.isRepeated()) {
                if (value instanceof ArrayNode items) {
                    for (int i = 0; i < items.size(); i++) {
                        items.set(i, element(items.get(i), field));
                    }
                }
                continue;
            }
            if (value != null) {
                object.set(name, element(value, field));
            } else if (!field.hasPresence()) {
                switch (field.getJavaType()) {
                    case INT, LONG -> object.put(name, 0);
                    case FLOAT, DOUBLE -> object.put(name, 0.0);
                    case BOOLEAN -> object.put(name, false);
                    default -> {
                        // strings, enums, bytes and messages stay out when unset
                    }
                }
            }
        }
        return object;
    }

    private static JsonNode element(JsonNode value, FieldDescriptor field) {
        if (field.getJavaType() == FieldDescriptor.JavaType.MESSAGE) {
            return fix(value, field.getMessageType());
        }
        if (field.getJavaType() == FieldDescriptor.JavaType.LONG && value.isTextual()) {
            return com.fasterxml.jackson.databind.node.LongNode.valueOf(Long.parseLong(value.asText()));
        }
        return value;
    }
}
