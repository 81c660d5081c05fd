package uk.portsmouth.cfe.platform.testing;

import io.grpc.BindableService;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerBuilder;
import io.grpc.ServerInterceptors;
import io.grpc.stub.AbstractStub;
import io.grpc.stub.MetadataUtils;
import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import uk.portsmouth.cfe.platform.config.ServiceConfig;
import uk.portsmouth.cfe.platform.grpc.CallerVerifier;
import uk.portsmouth.cfe.platform.grpc.GrpcChannels;
import uk.portsmouth.cfe.platform.grpc.ServiceCalls;
import uk.portsmouth.cfe.platform.telemetry.Telemetry;
import uk.portsmouth.cfe.platform.trust.CallerAssertions;
import uk.portsmouth.cfe.platform.trust.Trust;
import uk.portsmouth.cfe.platform.trust.TrustKeys;
import uk.portsmouth.cfe.proto.common.v1.CallerContext;

/**
 * The platform's identity keys for a test run (made once a JVM, as the launcher does at start):
 * configuration for a service under test, and channels that call it as the gateway or as
 * another service, signed as the real ones are.
 */
public final class TestTrust {

    public static final List<String> COMPONENTS = List.of(
            Trust.GATEWAY, "directory-service", "safeguarding-contacts-service", "attendance-service", "fsp-service");
    private static final TrustKeys KEYS = TrustKeys.generate(COMPONENTS);

    private TestTrust() {}

    /** {@code overrides} plus {@code component}'s keys. */
    public static Map<String, String> config(String component, Map<String, String> overrides) {
        Map<String, String> config = new HashMap<>(overrides);
        config.putAll(KEYS.configFor(component));
        return config;
    }

    /**
     * {@code component}'s configuration for a test: its own YAML, free ports (gRPC and observe),
     * its keys, the demo data when {@code demoData}, and {@code overrides}.
     */
    public static Config serviceConfig(String component, boolean demoData, Map<String, String> overrides) {
        Map<String, String> settings = new HashMap<>(overrides);
        settings.put("grpc.port", "0");
        settings.put("server.port", "0");
        if (demoData) {
            settings.put("demo-data.load", "true");
        }
        return ServiceConfig.load(component, config(component, settings));
    }

    /** {@code component}'s trust, loaded as the component loads it from configuration. */
    public static Trust trust(String component) {
        return Trust.load(component, Config.just(ConfigSources.create(KEYS.configFor(component))));
    }

    /**
     * A stand-in for {@code component} on a free port: {@code services} behind the same caller
     * verification the real one has, accepting from other services what {@code calls} allows.
     */
    public static Server standIn(String component, ServiceCalls calls, BindableService... services) {
        CallerVerifier callers = new CallerVerifier(new CallerAssertions(trust(component), Clock.systemUTC()), calls);
        ServerBuilder<?> builder = ServerBuilder.forPort(0);
        for (BindableService service : services) {
            builder.addService(ServerInterceptors.intercept(service, callers));
        }
        try {
            return builder.build().start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * {@code stub} (on a channel {@link #as} {@code component}) passing on {@code user} as the
     * gateway signed it for {@code component}: what a service acting for its caller sends.
     */
    public static <S extends AbstractStub<S>> S forwarding(S stub, String component, CallerContext user) {
        String userAssertion =
                new CallerAssertions(trust(Trust.GATEWAY), Clock.systemUTC()).sign(user, component, "test/forwarded");
        Metadata headers = new Metadata();
        headers.put(CallerVerifier.ON_BEHALF_OF, userAssertion);
        if (!user.getCorrelationId().isEmpty()) {
            headers.put(CallerVerifier.CORRELATION_ID, user.getCorrelationId());
        }
        return stub.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
    }

    /** A channel to {@code service} at {@code target} whose calls the gateway signs (attach a caller to the stub). */
    public static ManagedChannel asGateway(String target, String service) {
        return as(Trust.GATEWAY, target, service);
    }

    /** A channel to {@code service} at {@code target} whose calls {@code component} signs. */
    public static ManagedChannel as(String component, String target, String service) {
        return GrpcChannels.open(target, service, Duration.ofSeconds(10), trust(component), Telemetry.noop());
    }
}
