package uk.portsmouth.cfe.platform.grpc;

import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.rpc.BadRequest;
import com.google.rpc.Code;
import com.google.rpc.ErrorInfo;
import io.grpc.ForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import uk.portsmouth.cfe.platform.errors.ConflictException;
import uk.portsmouth.cfe.platform.errors.FieldError;
import uk.portsmouth.cfe.platform.errors.ForbiddenException;
import uk.portsmouth.cfe.platform.errors.InvalidInputException;
import uk.portsmouth.cfe.platform.errors.NotFoundException;
import uk.portsmouth.cfe.platform.errors.VersionConflictException;

/**
 * The one mapping between the platform's exceptions and gRPC statuses, used by services (encode)
 * and by the gateway (decode). Field errors travel as google.rpc.BadRequest, a version conflict as
 * google.rpc.ErrorInfo carrying the current version. Unexpected failures become INTERNAL with no
 * detail: the cause is logged in the service, never sent.
 */
public final class GrpcErrors {

    /** Field errors carried in a status's trailer; more are counted, not listed. */
    private static final int MAX_FIELD_ERRORS = 20;

    /** ErrorInfo reason for a stale version. */
    public static final String VERSION_MISMATCH = "VERSION_MISMATCH";

    private static final String DOMAIN = "cfe.portsmouth.uk";
    private static final Logger LOGGER = Logger.getLogger(GrpcErrors.class.getName());

    private GrpcErrors() {}

    /** The status a thrown exception stands for. */
    private static String shortened(String text) {
        return text.length() <= 100 ? text : text.substring(0, 100) + "…";
    }

    public static StatusRuntimeException toStatus(Throwable error) {
        // every message travels in a trailer (8 KiB at most) and may quote what was sent (a 4,000-character id)
        com.google.rpc.Status.Builder status =
                com.google.rpc.Status.newBuilder().setMessage(shortened(String.valueOf(error.getMessage())));
        if (error instanceof StatusRuntimeException sre) {
            return sre;
        } else if (error instanceof InvalidInputException invalid) {
            // the details travel in a trailer (8 KiB at most): the first errors, each short, and a count of the rest
            BadRequest.Builder badRequest = BadRequest.newBuilder();
            invalid.errors().stream()
                    .limit(MAX_FIELD_ERRORS)
                    .forEach(e -> badRequest.addFieldViolations(BadRequest.FieldViolation.newBuilder()
                            .setField(shortened(e.field()))
                            .setDescription(shortened(e.message()))));
            if (invalid.errors().size() > MAX_FIELD_ERRORS) {
                badRequest.addFieldViolations(BadRequest.FieldViolation.newBuilder()
                        .setField(
                                shortened(invalid.errors().get(MAX_FIELD_ERRORS).field()))
                        .setDescription(
                                "and " + (invalid.errors().size() - MAX_FIELD_ERRORS) + " more errors not shown"));
            }
            status.setMessage(shortened(status.getMessage()));
            status.setCode(Code.INVALID_ARGUMENT_VALUE).addDetails(Any.pack(badRequest.build()));
        } else if (error instanceof NotFoundException) {
            status.setCode(Code.NOT_FOUND_VALUE);
        } else if (error instanceof ConflictException conflict) {
            status.setCode(Code.ALREADY_EXISTS_VALUE)
                    .addDetails(Any.pack(BadRequest.newBuilder()
                            .addFieldViolations(BadRequest.FieldViolation.newBuilder()
                                    .setField(shortened(conflict.field()))
                                    .setDescription(shortened(conflict.getMessage())))
                            .build()));
        } else if (error instanceof ForbiddenException) {
            status.setCode(Code.PERMISSION_DENIED_VALUE);
        } else if (error instanceof VersionConflictException conflict) {
            status.setCode(Code.FAILED_PRECONDITION_VALUE)
                    .addDetails(Any.pack(ErrorInfo.newBuilder()
                            .setReason(VERSION_MISMATCH)
                            .setDomain(DOMAIN)
                            .putMetadata("current_version", Long.toString(conflict.currentVersion()))
                            .build()));
        } else if (storeNotAnswering(error)) {
            // the store is slow or between primaries: the caller should come back, not be told we broke
            LOGGER.log(Level.WARNING, "The store did not answer: " + error);
            status.setCode(Code.UNAVAILABLE_VALUE).setMessage("the store is not answering; try again shortly");
        } else {
            LOGGER.log(Level.SEVERE, "Unexpected failure serving a call", error);
            status.setCode(Code.INTERNAL_VALUE).setMessage("internal error");
        }
        return StatusProto.toStatusRuntimeException(status.build());
    }

    /**
     * Whether {@code error} (or a cause) is the store not answering: a timeout choosing or reaching a
     * server, a broken socket, a node recovering or no longer primary, or a connection pool the
     * driver closed meanwhile ("state should be: open"). Such a call may be retried.
     */
    public static boolean storeNotAnswering(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof com.mongodb.MongoTimeoutException
                    || cause instanceof com.mongodb.MongoSocketException
                    || cause instanceof com.mongodb.MongoNodeIsRecoveringException
                    || cause instanceof com.mongodb.MongoNotPrimaryException
                    || cause instanceof com.mongodb.MongoExecutionTimeoutException
                    || (cause instanceof IllegalStateException
                            && String.valueOf(cause.getMessage()).startsWith("state should be"))) {
                return true;
            }
        }
        return false;
    }

    /** The field errors a status carries (empty when none). */
    public static List<FieldError> fieldErrors(StatusRuntimeException error) {
        return detail(error, BadRequest.class)
                .map(b -> b.getFieldViolationsList().stream()
                        .map(v -> new FieldError(v.getField(), v.getDescription()))
                        .toList())
                .orElse(List.of());
    }

    /** The current version, when the status is a version conflict. */
    public static Optional<Long> currentVersion(StatusRuntimeException error) {
        return detail(error, ErrorInfo.class)
                .filter(info -> VERSION_MISMATCH.equals(info.getReason()))
                .map(info -> Long.parseLong(info.getMetadataOrDefault("current_version", "0")));
    }

    private static <T extends com.google.protobuf.Message> Optional<T> detail(
            StatusRuntimeException error, Class<T> type) {
        com.google.rpc.Status status = StatusProto.fromThrowable(error);
        if (status == null) {
            return Optional.empty();
        }
        for (Any any : status.getDetailsList()) {
            if (any.is(type)) {
                try {
                    return Optional.of(any.unpack(type));
                } catch (InvalidProtocolBufferException e) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Server side: a handler that throws closes its call with the mapped status, so service code
     * throws plain exceptions and never builds statuses itself.
     */
    public static ServerInterceptor serverInterceptor() {
        return new ServerInterceptor() {
            @Override
            public <Q, R> ServerCall.Listener<Q> interceptCall(
                    ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
                ServerCall.Listener<Q> delegate = next.startCall(call, headers);
                return new ForwardingServerCallListener.SimpleForwardingServerCallListener<>(delegate) {
                    @Override
                    public void onMessage(Q message) {
                        try {
                            super.onMessage(message);
                        } catch (RuntimeException e) {
                            close(call, e);
                        }
                    }

                    @Override
                    public void onHalfClose() {
                        try {
                            super.onHalfClose();
                        } catch (RuntimeException e) {
                            close(call, e);
                        }
                    }
                };
            }
        };
    }

    private static void close(ServerCall<?, ?> call, RuntimeException error) {
        StatusRuntimeException status = toStatus(error);
        Metadata trailers = status.getTrailers() == null ? new Metadata() : status.getTrailers();
        call.close(status.getStatus(), trailers);
    }
}
