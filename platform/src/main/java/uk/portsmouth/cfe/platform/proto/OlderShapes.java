package uk.portsmouth.cfe.platform.proto;

import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import com.google.protobuf.UnknownFieldSet;
import com.google.type.Date;
import uk.portsmouth.cfe.proto.common.v1.DatesProto;

/**
 * Reads a message from bytes kept before some of its strings became typed: such a string arrives as
 * an unknown field, and is set as the value it names.
 *
 * <ul>
 *   <li>A closed set kept its number (the wire type changed), and the text is the value's JSON name.
 *   <li>A date got a new number and names its former one ({@code was_string_field} in
 *       cfe/common/v1/dates.proto); the text is {@code YYYY-MM-DD}.
 * </ul>
 *
 * Nested messages too; text that names no value (or no real day) is left unknown.
 */
public final class OlderShapes {

    private OlderShapes() {}

    public static void upgrade(Message.Builder message) {
        Descriptor type = message.getDescriptorForType();
        if (!JsonShapes.hasShapedFields(type)) {
            return;
        }
        UnknownFieldSet unknown = message.getUnknownFields();
        UnknownFieldSet.Builder left = UnknownFieldSet.newBuilder(unknown);
        for (FieldDescriptor field : type.getFields()) {
            if (field.getType() == FieldDescriptor.Type.ENUM && unknown.hasField(field.getNumber())) {
                for (ByteString text : unknown.getField(field.getNumber()).getLengthDelimitedList()) {
                    ClosedSets.byJsonName(field.getEnumType(), text.toStringUtf8())
                            .ifPresent(value -> {
                                set(message, field, value);
                                left.clearField(field.getNumber());
                            });
                }
            } else if (isDate(field)) {
                int former = field.getOptions().getExtension(DatesProto.wasStringField);
                if (former != 0 && unknown.hasField(former)) {
                    for (ByteString text : unknown.getField(former).getLengthDelimitedList()) {
                        Dates.parse(text.toStringUtf8()).ifPresent(date -> {
                            set(message, field, Dates.of(date));
                            left.clearField(former);
                        });
                    }
                }
            } else if (field.getJavaType() == FieldDescriptor.JavaType.MESSAGE && !field.isMapField()) {
                if (field.isRepeated()) {
                    for (int i = 0; i < message.getRepeatedFieldCount(field); i++) {
                        upgrade(message.getRepeatedFieldBuilder(field, i));
                    }
                } else if (message.hasField(field)) {
                    upgrade(message.getFieldBuilder(field));
                }
            }
        }
        message.setUnknownFields(left.build());
    }

    private static boolean isDate(FieldDescriptor field) {
        return field.getType() == FieldDescriptor.Type.MESSAGE && field.getMessageType() == Date.getDescriptor();
    }

    private static void set(Message.Builder message, FieldDescriptor field, Object value) {
        if (field.isRepeated()) {
            message.addRepeatedField(field, value);
        } else {
            message.setField(field, value);
        }
    }
}
