package uk.portsmouth.cfe.platform.resources;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import uk.portsmouth.cfe.platform.proto.ProtoJson;

/**
 * JSON files on the classpath (demo data, reference tables), written in the API's own JSON (proto field names,
 * snake_case).
 */
public final class JsonResources {

    private JsonResources() {}

    /** The JSON object in classpath resource {@code resource}. */
    public static JsonObject read(String resource) {
        try (InputStream in = JsonResources.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the classpath");
            }
            return JsonParser.parseReader(new InputStreamReader(in, StandardCharsets.UTF_8))
                    .getAsJsonObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One entry as a message; a demo file that does not fit its message is a build mistake. */
    @SuppressWarnings("unchecked")
    public static <M extends Message> M parse(JsonElement json, Message.Builder builder) {
        try {
            ProtoJson.merge(json.toString(), builder);
            return (M) builder.build();
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException(
                    "A demo entry does not fit "
                            + builder.getDescriptorForType().getName() + ": " + json,
                    e);
        }
    }

    /** Every entry of the array {@code key} in {@code demo}, as messages. */
    public static <M extends Message> List<M> list(JsonObject demo, String key, Supplier<Message.Builder> builder) {
        List<M> messages = new ArrayList<>();
        demo.getAsJsonArray(key).forEach(element -> messages.add(parse(element, builder.get())));
        return messages;
    }
}
