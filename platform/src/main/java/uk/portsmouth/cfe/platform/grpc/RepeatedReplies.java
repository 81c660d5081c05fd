package uk.portsmouth.cfe.platform.grpc;

import com.google.protobuf.MessageLite;
import io.grpc.Drainable;
import io.grpc.KnownLength;
import io.grpc.MethodDescriptor;
import io.grpc.ServerMethodDefinition;
import io.grpc.ServerServiceDefinition;
import io.grpc.ServiceDescriptor;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * A service's read replies encoded once when the service answers with the same message object again
 * (the directory keeps each search's page while its index does not move): the second time an object
 * is sent, its bytes are kept, and from then on it is sent as those bytes; encoding a page of
 * services at every call was about 4% of a signed-in search. The counterpart of the gateway's
 * {@link RememberedReplies}.
 *
 * <p>Objects are told apart by identity (a message is immutable, so its bytes never change); the
 * latest {@value #SLOTS} are remembered, each in the slot of its identity hash, so a reply built
 * afresh at each call costs one slot written. Not for personal data: a remembered reply stays in
 * memory until its slot is taken.
 */
public final class RepeatedReplies {

    static final int SLOTS = 64;

    /** Larger replies (a full feed page) are encoded each time: keeping them would cost more memory than it saves. */
    static final int LARGEST_KEPT_BYTES = 64 * 1024;

    private RepeatedReplies() {}

    /** {@code service} with each read's replies encoded once when repeated (other methods as they are). */
    public static ServerServiceDefinition encodedOnce(ServerServiceDefinition service) {
        ServiceDescriptor described = service.getServiceDescriptor();
        List<ServerMethodDefinition<?, ?>> methods = service.getMethods().stream()
                .<ServerMethodDefinition<?, ?>>map(RepeatedReplies::encodedOnce)
                .toList();
        ServiceDescriptor.Builder descriptor =
                ServiceDescriptor.newBuilder(described.getName()).setSchemaDescriptor(described.getSchemaDescriptor());
        methods.forEach(method -> descriptor.addMethod(method.getMethodDescriptor()));
        ServerServiceDefinition.Builder rebuilt = ServerServiceDefinition.builder(descriptor.build());
        methods.forEach(rebuilt::addMethod);
        return rebuilt.build();
    }

    private static <Q, R> ServerMethodDefinition<Q, R> encodedOnce(ServerMethodDefinition<Q, R> definition) {
        MethodDescriptor<Q, R> method = definition.getMethodDescriptor();
        MethodDescriptor<Q, R> served = ForwardingMarshaller.forReads(method, EncodingOnce::new);
        return served == method ? definition : ServerMethodDefinition.create(served, definition.getServerCallHandler());
    }

    /** A message and, from its second sending, its bytes. */
    private record Sent(Object message, byte[] bytes) {}

    /** Encodes as {@code proto} does, a message sent again as the bytes it was encoded to. */
    static final class EncodingOnce<R> extends ForwardingMarshaller<R> {

        private final AtomicReferenceArray<Sent> slots = new AtomicReferenceArray<>(SLOTS);

        EncodingOnce(MethodDescriptor.PrototypeMarshaller<R> proto) {
            super(proto);
        }

        @Override
        public InputStream stream(R value) {
            int slot = System.identityHashCode(value) & (SLOTS - 1);
            Sent sent = slots.get(slot);
            if (sent == null || sent.message() != value) {
                slots.set(slot, new Sent(value, null)); // seen once: kept only if it comes again
                return proto.stream(value);
            }
            byte[] bytes = sent.bytes();
            if (bytes == null) {
                MessageLite message = (MessageLite) value;
                if (message.getSerializedSize() > LARGEST_KEPT_BYTES) {
                    return proto.stream(value);
                }
                bytes = message.toByteArray();
                slots.set(slot, new Sent(value, bytes));
            }
            return new Encoded(bytes);
        }
    }

    /** Kept bytes as gRPC writes them: their length known, drained in one write. */
    private static final class Encoded extends ByteArrayInputStream implements KnownLength, Drainable {

        Encoded(byte[] bytes) {
            super(bytes);
        }

        @Override
        public int drainTo(OutputStream target) throws IOException {
            int length = count - pos;
            target.write(buf, pos, length);
            pos = count;
            return length;
        }
    }
}
