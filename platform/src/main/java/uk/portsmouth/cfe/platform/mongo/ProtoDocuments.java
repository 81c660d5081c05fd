package uk.portsmouth.cfe.platform.mongo;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import org.bson.Document;

/**
 * Stores a proto message as a Mongo document with the proto's own (snake_case) field names, so
 * queries name the same fields the API does. Fields a store adds for its own use start with "_"
 * and are ignored when reading back.
 */
public final class ProtoDocuments {

    private static final JsonFormat.Printer PRINTER = JsonFormat.printer().preservingProtoFieldNames();
    private static final JsonFormat.Parser PARSER = JsonFormat.parser().ignoringUnknownFields();

    private ProtoDocuments() {
    }

    public static Document toDocument(Message message) {
        try {
            return Document.parse(PRINTER.print(message));
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("Cannot store " + message.getDescriptorForType().getFullName(), e);
        }
    }

    /** Reads {@code document} into {@code builder}, dropping store-only fields. */
    public static <B extends Message.Builder> B fromDocument(Document document, B builder) {
        try {
            PARSER.merge(document.toJson(), builder);
            return builder;
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("Stored document " + document.get("_id") + " does not match "
                                                    + builder.getDescriptorForType().getFullName(), e);
        }
    }
}
