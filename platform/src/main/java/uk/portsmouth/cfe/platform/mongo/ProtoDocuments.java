package uk.portsmouth.cfe.platform.mongo;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.mongodb.client.model.Projections;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.Binary;
import uk.portsmouth.cfe.platform.proto.OlderShapes;
import uk.portsmouth.cfe.platform.proto.ProtoJson;

/**
 * Stores a proto message as a Mongo document: its fields under the proto's own (snake_case)
 * names, so queries and indexes name the same fields the API does, plus the message itself in
 * binary ({@value #BINARY}), which is what reads return: decoding it is several times cheaper than
 * converting the fields back. The two are always written together, from the same message; change
 * records through the services, never by editing fields in the database. Fields a store adds for
 * its own use start with "_".
 */
public final class ProtoDocuments {

    /** The field holding the serialized message. */
    public static final String BINARY = "_proto";

    private ProtoDocuments() {}

    public static Document toDocument(Message message) {
        try {
            Document document = Document.parse(ProtoJson.print(message));
            document.put(BINARY, new Binary(message.toByteArray()));
            return document;
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException(
                    "Cannot store " + message.getDescriptorForType().getFullName(), e);
        }
    }

    /** Reads {@code document} into {@code builder}: the binary copy, or the fields when there is none. */
    public static <B extends Message.Builder> B fromDocument(Document document, B builder) {
        try {
            if (document.get(BINARY) instanceof Binary binary) {
                builder.mergeFrom(binary.getData());
                // a record kept before some of its strings became closed sets or dates reads as it was
                OlderShapes.upgrade(builder);
            } else {
                ProtoJson.mergeLeniently(document.toJson(), builder);
            }
            return builder;
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException(
                    "Stored document " + document.get("_id") + " does not match "
                            + builder.getDescriptorForType().getFullName(),
                    e);
        }
    }

    /** What a store reads back for a record: the binary message and the store's own {@code fields}. */
    public static Bson readProjection(String... fields) {
        List<String> included = new ArrayList<>(List.of(fields));
        included.add(BINARY);
        return Projections.include(included);
    }
}
