package uk.portsmouth.cfe.platform.events;

import com.google.protobuf.Struct;
import com.google.protobuf.Value;

/** An event's payload, as the API's JSON, built field by field: what every service's events are made of. */
public final class EventData {

    private final Struct.Builder fields = Struct.newBuilder();

    private EventData() {}

    public static EventData of() {
        return new EventData();
    }

    public EventData text(String name, String value) {
        fields.putFields(name, Value.newBuilder().setStringValue(value).build());
        return this;
    }

    public EventData number(String name, long value) {
        fields.putFields(name, Value.newBuilder().setNumberValue(value).build());
        return this;
    }

    public EventData flag(String name, boolean value) {
        fields.putFields(name, Value.newBuilder().setBoolValue(value).build());
        return this;
    }

    public Struct build() {
        return fields.build();
    }
}
