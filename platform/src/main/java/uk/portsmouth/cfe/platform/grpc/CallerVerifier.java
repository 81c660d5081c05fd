package uk.portsmouth.cfe.platform.grpc;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import uk.portsmouth.cfe.platform.trust.CallerAssertions;
import uk.portsmouth.cfe.platform.trust.Trust;
import uk.portsmouth.cfe.proto.common.v1.CallerContext;

/**
 * A service believes only callers it can verify, before any handler runs: every call must carry
 * an assertion addressed to this service and this method, signed by a component it knows. The
 * gateway's speaks for its end user; another service's for that service, on the calls
 * {@link ServiceCalls} lets it make, or for the end user it passes on (the gateway's assertion to
 * that service, still fresh). Anything else is {@code UNAUTHENTICATED} or {@code PERMISSION_DENIED}.
 */
public final class CallerVerifier implements ServerInterceptor {

    /** The caller's assertion, on every call. */
    public static final Metadata.Key<String> ASSERTION =
            Metadata.Key.of("cfe-assertion", Metadata.ASCII_STRING_MARSHALLER);
    /** The end user's assertion (the gateway's to the calling service) that a service passes on. */
    public static final Metadata.Key<String> ON_BEHALF_OF =
            Metadata.Key.of("cfe-on-behalf-of", Metadata.ASCII_STRING_MARSHALLER);
    /** The request's correlation id, beside the assertion (a label for logs and audit, never a grant). */
    public static final Metadata.Key<String> CORRELATION_ID =
            Metadata.Key.of("cfe-correlation-id", Metadata.ASCII_STRING_MARSHALLER);

    private final CallerAssertions assertions;
    private final ServiceCalls serviceCalls;

    public CallerVerifier(CallerAssertions assertions, ServiceCalls serviceCalls) {
        this.assertions = assertions;
        this.serviceCalls = serviceCalls;
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(
            ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
        String method = call.getMethodDescriptor().getFullMethodName();
        String assertion = headers.get(ASSERTION);
        if (assertion == null) {
            return refuse(call, Status.UNAUTHENTICATED.withDescription("no caller assertion"));
        }
        String correlationId = CallerAssertions.correlationId(headers.get(CORRELATION_ID));
        Context context;
        try {
            CallerAssertions.Verified verified = assertions.verify(assertion, method);
            if (Trust.GATEWAY.equals(verified.issuer())) {
                context = Context.current()
                        .withValues(
                                CallerContexts.CALLER,
                                labelled(verified.caller(), correlationId),
                                CallerContexts.USER_ASSERTION,
                                assertion);
            } else {
                String forwarded = headers.get(ON_BEHALF_OF);
                CallerContext caller;
                if (forwarded != null) {
                    if (!serviceCalls.allowsForUsers(verified.issuer(), method)) {
                        return refuse(
                                call,
                                Status.PERMISSION_DENIED.withDescription(
                                        verified.issuer() + " may not make this call for a user"));
                    }
                    caller = assertions.verifyForwarded(forwarded, verified.issuer()).toBuilder()
                            .setViaService(verified.issuer())
                            .build();
                } else {
                    if (!serviceCalls.allowsAsItself(verified.issuer(), method)) {
                        return refuse(
                                call,
                                Status.PERMISSION_DENIED.withDescription(
                                        verified.issuer() + " may not make this call"));
                    }
                    caller = verified.caller();
                }
                context = Context.current().withValue(CallerContexts.CALLER, labelled(caller, correlationId));
            }
        } catch (CallerAssertions.RefusedException e) {
            return refuse(call, Status.UNAUTHENTICATED.withDescription(e.getMessage()));
        }
        return Contexts.interceptCall(context, call, headers, next);
    }

    private static CallerContext labelled(CallerContext caller, String correlationId) {
        return correlationId.isEmpty()
                ? caller
                : caller.toBuilder().setCorrelationId(correlationId).build();
    }

    private static <Q, R> ServerCall.Listener<Q> refuse(ServerCall<Q, R> call, Status status) {
        call.close(status, new Metadata());
        return new ServerCall.Listener<>() {};
    }
}
