package uk.portsmouth.cfe.platform.grpc;

import io.grpc.MethodDescriptor;
import java.io.InputStream;

/**
 * A protobuf marshaller that does what {@code proto} does, for a subclass to change one way: how a
 * message is sent ({@link RepeatedReplies}) or how a reply is read ({@link RememberedReplies}).
 */
abstract class ForwardingMarshaller<R> implements MethodDescriptor.PrototypeMarshaller<R> {

    protected final MethodDescriptor.PrototypeMarshaller<R> proto;

    ForwardingMarshaller(MethodDescriptor.PrototypeMarshaller<R> proto) {
        this.proto = proto;
    }

    @Override
    public InputStream stream(R value) {
        return proto.stream(value);
    }

    @Override
    public R parse(InputStream stream) {
        return proto.parse(stream);
    }

    @Override
    public R getMessagePrototype() {
        return proto.getMessagePrototype();
    }

    @Override
    public Class<R> getMessageClass() {
        return proto.getMessageClass();
    }
}
