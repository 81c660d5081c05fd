package uk.portsmouth.cfe.platform.audit;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.ListValue;
import com.google.protobuf.Message;
import com.google.protobuf.NullValue;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import uk.portsmouth.cfe.platform.proto.ProtoJson;
import uk.portsmouth.cfe.proto.common.v1.SubjectRecordSet;

/** Records for a subject access answer, as the API would show them (proto field names, JSON values). */
public final class SubjectRecordSets {

    private SubjectRecordSets() {}

    /** {@code records}, each message as its API JSON. */
    public static SubjectRecordSet of(String kind, String description, List<? extends Message> records) {
        SubjectRecordSet.Builder set =
                SubjectRecordSet.newBuilder().setKind(kind).setDescription(description);
        for (Message record : records) {
            try {
                Struct.Builder struct = Struct.newBuilder();
                ProtoJson.merge(ProtoJson.print(record), struct);
                set.addRecords(struct);
            } catch (InvalidProtocolBufferException e) {
                throw new IllegalStateException("Cannot show a " + kind + " record", e);
            }
        }
        return set.build();
    }

    /** {@code records} made of plain values (strings, numbers, booleans, lists and maps of them). */
    public static SubjectRecordSet ofValues(String kind, String description, List<Map<String, ?>> records) {
        SubjectRecordSet.Builder set =
                SubjectRecordSet.newBuilder().setKind(kind).setDescription(description);
        records.forEach(record -> set.addRecords(value(record).getStructValue()));
        return set.build();
    }

    private static Value value(Object value) {
        if (value == null) {
            return Value.newBuilder().setNullValue(NullValue.NULL_VALUE).build();
        }
        if (value instanceof Map<?, ?> map) {
            Struct.Builder struct = Struct.newBuilder();
            map.forEach((k, v) -> struct.putFields(String.valueOf(k), value(v)));
            return Value.newBuilder().setStructValue(struct).build();
        }
        if (value instanceof Collection<?> list) {
            ListValue.Builder values = ListValue.newBuilder();
            list.forEach(v -> values.addValues(value(v)));
            return Value.newBuilder().setListValue(values).build();
        }
        if (value instanceof Number number) {
            return Value.newBuilder().setNumberValue(number.doubleValue()).build();
        }
        if (value instanceof Boolean bool) {
            return Value.newBuilder().setBoolValue(bool).build();
        }
        return Value.newBuilder().setStringValue(String.valueOf(value)).build();
    }
}
