package uk.portsmouth.cfe.platform.audit;

import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import io.grpc.ForwardingServerCall;
import io.grpc.ForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import java.util.logging.Logger;
import uk.portsmouth.cfe.platform.grpc.CallerContexts;
import uk.portsmouth.cfe.proto.common.v1.AuditSubject;
import uk.portsmouth.cfe.proto.common.v1.CallerContext;

/**
 * Every call the access rules refuse (PERMISSION_DENIED) is an audit event with outcome "denied",
 * whichever handler refused it: the action is the method, the subjects the identifiers in the
 * request (upn, urn, plan_id, meeting_id, id).
 */
public final class AuditedRefusals {

    private static final Logger LOGGER = Logger.getLogger(AuditedRefusals.class.getName());

    /** Request fields that name a subject, and the kind they name. */
    private static final Map<String, String> SUBJECT_FIELDS = Map.of(
            "upn", AuditSubjects.UPN,
            "urn", AuditSubjects.SCHOOL,
            "plan_id", AuditSubjects.PLAN,
            "meeting_id", AuditSubjects.MEETING,
            "id", "record");

    private AuditedRefusals() {}

    /** The interceptor; it must run inside the caller verification (it reads the verified caller). */
    public static ServerInterceptor interceptor(AuditLog audit) {
        return new ServerInterceptor() {
            @Override
            public <Q, R> ServerCall.Listener<Q> interceptCall(
                    ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
                CallerContext caller = CallerContexts.current();
                AtomicReference<Object> request = new AtomicReference<>();
                ServerCall<Q, R> watched = new ForwardingServerCall.SimpleForwardingServerCall<>(call) {
                    @Override
                    public void close(Status status, Metadata trailers) {
                        if (status.getCode() == Status.Code.PERMISSION_DENIED) {
                            recordRefusal(audit, caller, call, status, request.get());
                        }
                        super.close(status, trailers);
                    }
                };
                return new ForwardingServerCallListener.SimpleForwardingServerCallListener<>(
                        next.startCall(watched, headers)) {
                    @Override
                    public void onMessage(Q message) {
                        request.set(message);
                        super.onMessage(message);
                    }
                };
            }
        };
    }

    private static void recordRefusal(
            AuditLog audit, CallerContext caller, ServerCall<?, ?> call, Status status, Object request) {
        try {
            audit.denied(
                    caller,
                    call.getMethodDescriptor().getBareMethodName(),
                    status.getDescription() == null ? "" : status.getDescription(),
                    request instanceof Message message ? subjectsOf(message) : List.of());
        } catch (RuntimeException e) {
            // the refusal stands whatever happens to its record; the failure is logged for operators
            LOGGER.log(Level.WARNING, "Could not audit a refused call", e);
        }
    }

    private static List<AuditSubject> subjectsOf(Message request) {
        List<AuditSubject> subjects = new ArrayList<>();
        for (FieldDescriptor field : request.getDescriptorForType().getFields()) {
            String kind = SUBJECT_FIELDS.get(field.getName());
            if (kind != null && field.getJavaType() == FieldDescriptor.JavaType.STRING && !field.isRepeated()) {
                String value = (String) request.getField(field);
                if (!value.isEmpty()) {
                    subjects.add(AuditSubjects.of(kind, value));
                }
            }
        }
        return subjects;
    }
}
