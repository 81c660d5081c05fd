package uk.portsmouth.cfe.platform.grpc;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ForwardingClientCall;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import uk.portsmouth.cfe.platform.trust.CallerAssertions;
import uk.portsmouth.cfe.platform.trust.Trust;
import uk.portsmouth.cfe.proto.common.v1.CallerContext;

/**
 * Signs every call on a channel to one service ({@code audience}) with an assertion for that call's
 * method (reused while fresh, see {@link CallerAssertions}): the gateway's for the end user attached
 * to the stub (anonymous when none); a service's own, plus the end user's assertion it passes on
 * when the stub forwards its caller. The request's correlation id goes beside it.
 */
public final class CallerSigner implements ClientInterceptor {

    private final CallerAssertions assertions;
    private final String audience;

    public CallerSigner(CallerAssertions assertions, String audience) {
        this.assertions = assertions;
        this.audience = audience;
    }

    @Override
    public <Q, R> ClientCall<Q, R> interceptCall(MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
        CallerContext attached = options.getOption(CallerContexts.ATTACHED_USER);
        boolean gateway = Trust.GATEWAY.equals(assertions.component());
        CallerContext user = gateway ? (attached == null ? CallerContexts.ANONYMOUS : attached) : attached;
        String correlationId = user != null
                ? user.getCorrelationId()
                : CallerContexts.current().getCorrelationId();
        String assertion = assertions.sign(user, audience, method.getFullMethodName());
        String forwarded = options.getOption(CallerContexts.FORWARDED_USER);
        return new ForwardingClientCall.SimpleForwardingClientCall<>(next.newCall(method, options)) {
            @Override
            public void start(Listener<R> listener, Metadata headers) {
                headers.put(CallerVerifier.ASSERTION, assertion);
                if (!correlationId.isEmpty()) {
                    headers.put(CallerVerifier.CORRELATION_ID, correlationId);
                }
                if (forwarded != null) {
                    headers.put(CallerVerifier.ON_BEHALF_OF, forwarded);
                }
                super.start(listener, headers);
            }
        };
    }
}
