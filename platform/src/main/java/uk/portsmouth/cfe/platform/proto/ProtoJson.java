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
 * documents, the demo data, subject access): snake_case field names, every closed set's value by
 * its JSON name ({@link ClosedSets}) and every date as {@code "YYYY-MM-DD"} ({@link Dates}), so an
 * enum or a date inside is a plain string outside.
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
        if (!JsonShapes.hasShapedFields(message.getDescriptorForType())) {
            return printed;
        }
        JsonObject json = JsonParser.parseString(printed).getAsJsonObject();
        JsonShapes.toPlatformShape(message.getDescriptorForType(), json);
        return json.toString();
    }

    /** Reads {@code json} into {@code builder}; a field the message does not have is refused. */
    public static <B extends Message.Builder> B merge(String json, B builder) throws InvalidProtocolBufferException {
        PARSER.merge(inProtobufShape(json, builder), builder);
        return builder;
    }

    /** Reads {@code json} into {@code builder}, passing over fields the message does not have (stored documents). */
    public static <B extends Message.Builder> B mergeLeniently(String json, B builder)
            throws InvalidProtocolBufferException {
        LENIENT.merge(inProtobufShape(json, builder), builder);
        return builder;
    }

    private static String inProtobufShape(String json, Message.Builder builder) throws UnreadableValues {
        if (!JsonShapes.hasShapedFields(builder.getDescriptorForType())) {
            return json;
        }
        JsonObject tree;
        try {
            tree = JsonParser.parseString(json).getAsJsonObject();
        } catch (RuntimeException notAnObject) {
            return json; // the parser names what is wrong with it
        }
        Map<String, String> unreadable = new LinkedHashMap<>();
        JsonShapes.toProtobufShape(builder.getDescriptorForType(), tree, unreadable::put);
        if (!unreadable.isEmpty()) {
            throw new UnreadableValues(unreadable);
        }
        return tree.toString();
    }

    /**
     * Fields hold values their types cannot: a name a closed set does not have, or a date that is not
     * one. {@link #fields()} maps each field's JSON pointer to what it must be.
     */
    public static final class UnreadableValues extends InvalidProtocolBufferException {
        private final Map<String, String> fields;

        UnreadableValues(Map<String, String> fields) {
            super("values that do not fit their fields: " + String.join(", ", fields.keySet()));
            this.fields = Map.copyOf(fields);
        }

        public Map<String, String> fields() {
            return fields;
        }
    }
}
