package uk.portsmouth.cfe.platform.grpc;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.KnownLength;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import uk.portsmouth.cfe.platform.memory.BoundedCache;

/**
 * The replies of a channel's reads, parsed once while their bytes are the same: every call still
 * goes to the service, signed for its caller, and the service decides what that caller sees; only
 * the parsing of what came back is skipped when the very same bytes came back before. For answers
 * that are the same for many callers all day (the directory's pages), where parsing a page and then
 * hashing it to find its printed JSON cost about 6% of a signed-in search: the same bytes give the same
 * message object, so what is kept by message downstream is found by identity.
 *
 * <p>Not for personal data: the kept replies stay in memory until the cache is full.
 */
public final class RememberedReplies implements ClientInterceptor {

    /** Larger replies (a full feed page) are parsed each time: keeping them would cost more memory than it saves. */
    static final int LARGEST_KEPT_BYTES = 64 * 1024;

    private final BoundedCache<ReplyBytes, Message> parsed;
    /** Each method as it is called: with a remembering parser, or as it came. */
    private final Map<MethodDescriptor<?, ?>, MethodDescriptor<?, ?>> calledAs = new ConcurrentHashMap<>();

    /** At most {@code most} replies kept (each at most {@link #LARGEST_KEPT_BYTES}). */
    public RememberedReplies(int most) {
        this.parsed = new BoundedCache<>(most);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <Q, R> ClientCall<Q, R> interceptCall(MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
        // decided once a method: a read of protobuf messages is called with a remembering parser
        MethodDescriptor<Q, R> called =
                (MethodDescriptor<Q, R>) calledAs.computeIfAbsent(method, m -> remembering(method));
        return next.newCall(called, options);
    }

    private <Q, R> MethodDescriptor<Q, R> remembering(MethodDescriptor<Q, R> method) {
        return ForwardingMarshaller.forReads(method, Remembering::new);
    }

    /**
     * A reply's type and bytes as a key: compared byte for byte, its hash worked out once (the same
     * bytes are another message in another type: no bytes at all are every type's empty message).
     */
    private record ReplyBytes(Class<?> type, byte[] bytes, int hash) {
        ReplyBytes(Class<?> type, byte[] bytes) {
            this(type, bytes, 31 * type.hashCode() + Arrays.hashCode(bytes));
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof ReplyBytes that
                    && hash == that.hash
                    && type == that.type
                    && Arrays.equals(bytes, that.bytes);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }

    /** Parses as {@code proto} does, answering the same bytes with the message they gave before. */
    private final class Remembering<R> extends ForwardingMarshaller<R> {

        private final Message prototype;

        Remembering(MethodDescriptor.PrototypeMarshaller<R> proto) {
            super(proto);
            this.prototype = (Message) proto.getMessagePrototype();
        }

        @Override
        @SuppressWarnings("unchecked")
        public R parse(InputStream stream) {
            byte[] bytes;
            try (stream) {
                // gRPC's reply streams know their length: read in one go, not in chunks joined after
                bytes = stream instanceof KnownLength ? stream.readNBytes(stream.available()) : stream.readAllBytes();
            } catch (IOException e) {
                throw Status.INTERNAL
                        .withDescription("Cannot read a reply")
                        .withCause(e)
                        .asRuntimeException();
            }
            if (bytes.length > LARGEST_KEPT_BYTES) {
                return proto.parse(new ByteArrayInputStream(bytes));
            }
            return (R) parsed.computeIfAbsent(new ReplyBytes(prototype.getClass(), bytes), this::parseNew);
        }

        private Message parseNew(ReplyBytes reply) {
            try {
                return prototype.getParserForType().parseFrom(reply.bytes());
            } catch (InvalidProtocolBufferException e) {
                throw Status.INTERNAL
                        .withDescription("Invalid reply")
                        .withCause(e)
                        .asRuntimeException();
            }
        }
    }
}
