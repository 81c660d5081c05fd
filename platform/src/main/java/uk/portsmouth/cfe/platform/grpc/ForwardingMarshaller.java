package uk.portsmouth.cfe.platform.grpc;

import com.google.protobuf.Message;
import io.grpc.MethodDescriptor;
import java.io.InputStream;
import java.util.function.Function;

/**
 * A protobuf marshaller that does what {@code proto} does, for a subclass to change one way: how a
 * message is sent ({@link RepeatedReplies}) or how a reply is read ({@link RememberedReplies}).
 */
abstract class ForwardingMarshaller<R> implements MethodDescriptor.PrototypeMarshaller<R> {

    protected final MethodDescriptor.PrototypeMarshaller<R> proto;

    ForwardingMarshaller(MethodDescriptor.PrototypeMarshaller<R> proto) {
        this.proto = proto;
    }

    /**
     * {@code method} with its replies marshalled by {@code replacing} the protobuf marshaller, if it is a
     * read ({@link ChannelServiceConfig#isRead}) of protobuf messages; any other method as it is.
     */
    static <Q, R> MethodDescriptor<Q, R> forReads(
            MethodDescriptor<Q, R> method,
            Function<MethodDescriptor.PrototypeMarshaller<R>, ForwardingMarshaller<R>> replacing) {
        if (ChannelServiceConfig.isRead(method)
                && method.getResponseMarshaller() instanceof MethodDescriptor.PrototypeMarshaller<R> proto
                && proto.getMessagePrototype() instanceof Message) {
            return method.toBuilder()
                    .setResponseMarshaller(replacing.apply(proto))
                    .build();
        }
        return method;
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
