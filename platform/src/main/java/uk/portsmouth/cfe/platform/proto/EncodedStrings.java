package uk.portsmouth.cfe.platform.proto;

import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;

/**
 * A message that is sent many times, with its text fields held as UTF-8 already. protobuf keeps a
 * text field as a {@code String} (encoded to UTF-8 at every send) or as the bytes it was given
 * (copied as they are); a record a service answers with all day is encoded once here instead of at
 * every answer. Equal to the message given, field for field, and sent as the same bytes.
 *
 * <p>Reading a field ({@code getName()}) turns that field back into a {@code String}: meant for
 * messages kept to be sent, not read. Lists of text and maps are left as they are.
 */
public final class EncodedStrings {

    private EncodedStrings() {}

    /** {@code message} with every singular text field, at any depth, held as UTF-8. */
    @SuppressWarnings("unchecked")
    public static <M extends Message> M of(M message) {
        Message.Builder builder = message.toBuilder();
        for (FieldDescriptor field : message.getDescriptorForType().getFields()) {
            if (field.isMapField()) {
                continue;
            }
            if (field.isRepeated()) {
                if (field.getJavaType() == FieldDescriptor.JavaType.MESSAGE) {
                    for (int i = 0; i < message.getRepeatedFieldCount(field); i++) {
                        builder.setRepeatedField(field, i, of((Message) message.getRepeatedField(field, i)));
                    }
                }
                continue;
            }
            if (field.hasPresence() && !message.hasField(field)) {
                continue;
            }
            switch (field.getJavaType()) {
                // a generated builder's text field takes bytes as its setNameBytes does
                case STRING -> {
                    String text = (String) message.getField(field);
                    if (!text.isEmpty()) {
                        builder.setField(field, ByteString.copyFromUtf8(text));
                    }
                }
                case MESSAGE -> builder.setField(field, of((Message) message.getField(field)));
                default -> {}
            }
        }
        return (M) builder.build();
    }
}
