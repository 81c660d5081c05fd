package uk.portsmouth.cfe.platform.grpc;

import io.grpc.stub.StreamObserver;

/** Every service's unary calls answer the same way: one message, then done. */
public final class UnaryReplies {

    private UnaryReplies() {}

    public static <T> void reply(StreamObserver<T> response, T message) {
        response.onNext(message);
        response.onCompleted();
    }
}
