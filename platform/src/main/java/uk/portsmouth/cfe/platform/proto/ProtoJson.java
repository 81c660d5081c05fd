package uk.portsmouth.cfe.platform.proto;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.MessageOrBuilder;
import com.google.protobuf.util.JsonFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Proto messages as JSON, the one way the platform writes and reads them (the API, the stored
 * documents, the demo data, subject access): snake_case field names, and every closed set's value by
 * its JSON name ({@link ClosedSets}), so an enum inside is a plain name outside.
 */
public final class ProtoJson {

    private static final JsonFormat.Printer PRINTER =
            JsonFormat.printer().preservingProtoFieldNames().omittingInsignificantWhitespace();
    private static final JsonFormat.Parser PARSER = JsonFormat.parser();
    private static final JsonFormat.Parser LENIENT = PARSER.ignoringUnknownFields();

    private ProtoJson() {}

    /** {@code message} as compact JSON. */
    public static String print(MessageOrBuilder message) throws InvalidProtocolBufferException {
        String printed = PRINTER.print(message);
        if (!ClosedSets.hasNamedSets(message.getDescriptorForType())) {
            return printed;
        }
        JsonObject json = JsonParser.parseString(printed).getAsJsonObject();
        ClosedSets.toJsonNames(message.getDescriptorForType(), json);
        return json.toString();
    }

    /** Reads {@code json} into {@code builder}; a field the message does not have is refused. */
    public static <B extends Message.Builder> B merge(String json, B builder) throws InvalidProtocolBufferException {
        PARSER.merge(withProtoNames(json, builder), builder);
        return builder;
    }

    /** Reads {@code json} into {@code builder}, passing over fields the message does not have (stored documents). */
    public static <B extends Message.Builder> B mergeLeniently(String json, B builder)
            throws InvalidProtocolBufferException {
        LENIENT.merge(withProtoNames(json, builder), builder);
        return builder;
    }

    private static String withProtoNames(String json, Message.Builder builder) throws UnknownClosedSetValue {
        if (!ClosedSets.hasNamedSets(builder.getDescriptorForType())) {
            return json;
        }
        JsonObject tree;
        try {
            tree = JsonParser.parseString(json).getAsJsonObject();
        } catch (RuntimeException notAnObject) {
            return json; // the parser names what is wrong with it
        }
        Map<String, String> unknown = new LinkedHashMap<>();
        ClosedSets.toProtoNames(
                builder.getDescriptorForType(),
                tree,
                (field, set) -> unknown.put(field, "must be one of " + String.join(", ", ClosedSets.jsonNames(set))));
        if (!unknown.isEmpty()) {
            throw new UnknownClosedSetValue(unknown);
        }
        return tree.toString();
    }

    /**
     * Closed sets' fields hold names their sets do not have: {@link #fields()} maps each field's JSON
     * pointer to what it must be.
     */
    public static final class UnknownClosedSetValue extends InvalidProtocolBufferException {
        private final Map<String, String> fields;

        UnknownClosedSetValue(Map<String, String> fields) {
            super("values not in their sets: " + String.join(", ", fields.keySet()));
            this.fields = Map.copyOf(fields);
        }

        public Map<String, String> fields() {
            return fields;
        }
    }
}
