package uk.portsmouth.cfe.platform.grpc;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.mongodb.client.MongoClients;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ClientInterceptors;
import io.grpc.ForwardingClientCall;
import io.grpc.ForwardingClientCallListener;
import io.grpc.Grpc;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.StreamObserver;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import uk.portsmouth.cfe.platform.audit.AuditLog;
import uk.portsmouth.cfe.platform.config.ServiceConfig;
import uk.portsmouth.cfe.platform.mongo.EmbeddedMongo;
import uk.portsmouth.cfe.platform.service.ServiceHost;
import uk.portsmouth.cfe.platform.telemetry.Telemetry;
import uk.portsmouth.cfe.platform.testing.TestCertificates;
import uk.portsmouth.cfe.platform.testing.TestTrust;
import uk.portsmouth.cfe.platform.trust.CallerAssertions;
import uk.portsmouth.cfe.platform.trust.Trust;
import uk.portsmouth.cfe.platform.trust.TrustKeys;
import uk.portsmouth.cfe.proto.common.v1.CallerContext;

/**
 * A service believes only callers it can verify: over a real channel, calls with no assertion, a
 * forged one, an expired one, one for another service or another method, and a service's own on a
 * call it may not make are all refused before the handler runs; the gateway's and an allowed
 * service's are believed exactly. With TLS material, a client without a trusted certificate is refused.
 */
class CallerVerifierTest {

    private static final String SERVICE = "fsp-service";
    private static final CallerContext USER = CallerContext.newBuilder()
            .setSubject("school-1")
            .setClientId("mis-1")
            .addRoles("school")
            .addSchoolUrns("116000")
            .setDisplayName("St Jude's MIS")
            .setCorrelationId("c-1")
            .build();
    private static final AtomicReference<CallerContext> SEEN = new AtomicReference<>();
    private static final AtomicReference<Thread> SERVED_ON = new AtomicReference<>();
    private static ServiceHost host;

    /** Health check as the service under test: it records who it was told is calling. */
    private static final class RecordingService extends HealthGrpc.HealthImplBase {
        @Override
        public void check(HealthCheckRequest request, StreamObserver<HealthCheckResponse> response) {
            SEEN.set(CallerContexts.current());
            SERVED_ON.set(Thread.currentThread());
            response.onNext(HealthCheckResponse.getDefaultInstance());
            response.onCompleted();
        }
    }

    @BeforeAll
    static void start() {
        host = start(Map.of());
    }

    private static ServiceHost start(Map<String, String> tls) {
        Map<String, String> settings = new HashMap<>(Map.of("grpc.port", "0", "server.port", "0"));
        settings.putAll(tls);
        var config = ServiceConfig.load("sample-service", TestTrust.config(SERVICE, settings));
        EmbeddedMongo mongo = EmbeddedMongo.inMemory();
        return ServiceHost.builder(config, Trust.load(SERVICE, config), Telemetry.noop())
                .audit(new AuditLog(
                        MongoClients.create(mongo.uri()).getDatabase("sample"), SERVICE, java.time.Clock.systemUTC()))
                .closeOnStop(mongo)
                .addService(new RecordingService())
                .acceptAsItself("attendance-service", HealthGrpc.getCheckMethod())
                .acceptForItsUsers("safeguarding-contacts-service", HealthGrpc.getCheckMethod())
                .start();
    }

    @AfterAll
    static void stop() {
        host.close();
    }

    private static CallerContext check(Channel channel) {
        return check(HealthGrpc.newBlockingStub(channel));
    }

    private static CallerContext check(HealthGrpc.HealthBlockingStub stub) {
        SEEN.set(null);
        stub.check(HealthCheckRequest.getDefaultInstance());
        return SEEN.get();
    }

    private static void assertRefused(Status.Code code, Channel channel) {
        assertRefused(code, HealthGrpc.newBlockingStub(channel));
    }

    private static void assertRefused(Status.Code code, HealthGrpc.HealthBlockingStub stub) {
        SEEN.set(null);
        StatusRuntimeException refused =
                assertThrows(StatusRuntimeException.class, () -> stub.check(HealthCheckRequest.getDefaultInstance()));
        assertThat(refused.getStatus().toString(), refused.getStatus().getCode(), is(code));
        assertThat("the handler never ran", SEEN.get(), nullValue());
    }

    private static ManagedChannel plain() {
        return NettyChannelBuilder.forTarget(host.grpcTarget()).usePlaintext().build();
    }

    /** A channel that sends {@code headers} as they are (what an attacker on the network can do). */
    private static Channel sending(ManagedChannel channel, Map<Metadata.Key<String>, String> headers) {
        return ClientInterceptors.intercept(channel, new ClientInterceptor() {
            @Override
            public <Q, R> ClientCall<Q, R> interceptCall(
                    MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
                return new ForwardingClientCall.SimpleForwardingClientCall<>(next.newCall(method, options)) {
                    @Override
                    public void start(Listener<R> listener, Metadata metadata) {
                        headers.forEach(metadata::put);
                        super.start(listener, metadata);
                    }
                };
            }
        });
    }

    /** Who the service is told calls, sent {@code assertion} with {@code correlationId} beside it. */
    private static CallerContext checkLabelled(ManagedChannel channel, String assertion, String correlationId) {
        return check(sending(
                channel, Map.of(CallerVerifier.ASSERTION, assertion, CallerVerifier.CORRELATION_ID, correlationId)));
    }

    private static String gatewayAssertion(CallerAssertions gateway, String audience, String method) {
        return gateway.sign(USER, audience, method);
    }

    @Test
    void theGatewaysUserIsBelievedExactly() {
        ManagedChannel channel = TestTrust.asGateway(host.grpcTarget(), SERVICE);
        try {
            assertThat(check(CallerContexts.attach(HealthGrpc.newBlockingStub(channel), USER)), is(USER));
            assertThat(check(channel), is(CallerContexts.ANONYMOUS));
        } finally {
            channel.shutdownNow();
        }
    }

    /** Each call runs on a virtual thread of its own (ServiceHost: cheaper hand-offs, no platform thread held). */
    @Test
    void eachCallIsServedOnAVirtualThreadOfItsOwn() {
        ManagedChannel channel = TestTrust.asGateway(host.grpcTarget(), SERVICE);
        try {
            check(CallerContexts.attach(HealthGrpc.newBlockingStub(channel), USER));
            Thread first = SERVED_ON.get();
            check(CallerContexts.attach(HealthGrpc.newBlockingStub(channel), USER));
            assertThat(first.isVirtual(), is(true));
            assertThat(first.getName(), startsWith(SERVICE + "-call-"));
            assertThat(SERVED_ON.get() != first, is(true));
        } finally {
            channel.shutdownNow();
        }
    }

    @Test
    void noAssertionOrBareMetadataIsRefused() {
        ManagedChannel channel = plain();
        try {
            assertRefused(Status.Code.UNAUTHENTICATED, channel);
            // the old way: a caller written into metadata by whoever can reach the port
            assertRefused(
                    Status.Code.UNAUTHENTICATED,
                    sending(
                            channel,
                            Map.of(Metadata.Key.of("cfe-caller", Metadata.ASCII_STRING_MARSHALLER), "la_admin")));
            assertRefused(Status.Code.UNAUTHENTICATED, sending(channel, Map.of(CallerVerifier.ASSERTION, "not-a-jwt")));
        } finally {
            channel.shutdownNow();
        }
    }

    @Test
    void forgedExpiredMisaddressedAndReplayedAssertionsAreRefused() throws Exception {
        ManagedChannel channel = plain();
        String check = HealthGrpc.getCheckMethod().getFullMethodName();
        try {
            // signed by a key that calls itself the gateway's
            TrustKeys forgersKeys = TrustKeys.generate(java.util.List.of(Trust.GATEWAY));
            CallerAssertions forger = new CallerAssertions(
                    Trust.load(
                            Trust.GATEWAY, ServiceConfig.load("sample-service", forgersKeys.configFor(Trust.GATEWAY))),
                    Clock.systemUTC());
            assertRefused(
                    Status.Code.UNAUTHENTICATED,
                    sending(channel, Map.of(CallerVerifier.ASSERTION, gatewayAssertion(forger, SERVICE, check))));
            // the gateway's, but expired
            Clock tenMinutesAgo = Clock.fixed(Instant.now().minus(Duration.ofMinutes(10)), ZoneOffset.UTC);
            CallerAssertions late = new CallerAssertions(TestTrust.trust(Trust.GATEWAY), tenMinutesAgo);
            assertRefused(
                    Status.Code.UNAUTHENTICATED,
                    sending(channel, Map.of(CallerVerifier.ASSERTION, gatewayAssertion(late, SERVICE, check))));
            // the gateway's, for another service
            CallerAssertions gateway = new CallerAssertions(TestTrust.trust(Trust.GATEWAY), Clock.systemUTC());
            assertRefused(
                    Status.Code.UNAUTHENTICATED,
                    sending(
                            channel,
                            Map.of(CallerVerifier.ASSERTION, gatewayAssertion(gateway, "attendance-service", check))));
            // the gateway's, captured from another call and replayed on this one
            assertRefused(
                    Status.Code.UNAUTHENTICATED,
                    sending(
                            channel,
                            Map.of(
                                    CallerVerifier.ASSERTION,
                                    gatewayAssertion(
                                            gateway,
                                            SERVICE,
                                            HealthGrpc.getWatchMethod().getFullMethodName()))));
            // the real thing, sent the same way, is believed: the refusals above are for what they say;
            // the correlation id beside it is a label, taken when it is one and dropped when not
            String assertion = gatewayAssertion(gateway, SERVICE, check);
            assertThat(checkLabelled(channel, assertion, "c-1"), is(USER));
            assertThat(
                    checkLabelled(channel, assertion, "not a {correlation} id"),
                    is(USER.toBuilder().clearCorrelationId().build()));
        } finally {
            channel.shutdownNow();
        }
    }

    @Test
    void aServiceIsBelievedOnlyOnTheCallsItMayMake() {
        ManagedChannel attendance = TestTrust.as("attendance-service", host.grpcTarget(), SERVICE);
        ManagedChannel directory = TestTrust.as("directory-service", host.grpcTarget(), SERVICE);
        try {
            CallerContext caller = check(attendance);
            assertThat(caller.getActingService(), is("attendance-service"));
            assertThat(caller.getRolesCount(), is(0));
            // a service not listed for this call, acting as itself
            assertRefused(Status.Code.PERMISSION_DENIED, directory);
        } finally {
            attendance.shutdownNow();
            directory.shutdownNow();
        }
    }

    @Test
    void aServicePassesOnItsUserOnlyWhereAllowed() {
        CallerAssertions gateway = new CallerAssertions(TestTrust.trust(Trust.GATEWAY), Clock.systemUTC());
        String toContacts = gatewayAssertion(gateway, "safeguarding-contacts-service", "cfe.contacts.v1.Any/Call");
        ManagedChannel contacts = TestTrust.as("safeguarding-contacts-service", host.grpcTarget(), SERVICE);
        ManagedChannel attendance = TestTrust.as("attendance-service", host.grpcTarget(), SERVICE);
        try {
            assertThat(
                    check(HealthGrpc.newBlockingStub(contacts).withOption(CallerContexts.FORWARDED_USER, toContacts)),
                    is(USER.toBuilder()
                            .clearCorrelationId() // this test thread has none to pass on
                            .setViaService("safeguarding-contacts-service")
                            .build()));
            // a user's assertion addressed to another service cannot be passed on
            String toFsp = gatewayAssertion(
                    gateway, SERVICE, HealthGrpc.getCheckMethod().getFullMethodName());
            assertRefused(
                    Status.Code.UNAUTHENTICATED,
                    HealthGrpc.newBlockingStub(contacts).withOption(CallerContexts.FORWARDED_USER, toFsp));
            // attendance-service may call as itself, not for users
            assertRefused(
                    Status.Code.PERMISSION_DENIED,
                    HealthGrpc.newBlockingStub(attendance)
                            .withOption(
                                    CallerContexts.FORWARDED_USER,
                                    gatewayAssertion(gateway, "attendance-service", "x/y")));
        } finally {
            contacts.shutdownNow();
            attendance.shutdownNow();
        }
    }

    @Test
    void mutualTlsRefusesAClientWithoutATrustedCertificate(@TempDir Path folder) throws Exception {
        TestCertificates platformCa = TestCertificates.authority(folder, "platform");
        TestCertificates otherCa = TestCertificates.authority(folder, "other");
        try (ServiceHost secured = start(platformCa.issue(SERVICE))) {
            Trust gatewayWithCertificate = trustWithTls(platformCa.issue(Trust.GATEWAY));
            ManagedChannel trusted = GrpcChannels.open(
                    secured.grpcTarget(), SERVICE, Duration.ofSeconds(5), gatewayWithCertificate, Telemetry.noop());
            ManagedChannel untrusted = GrpcChannels.open(
                    secured.grpcTarget(),
                    SERVICE,
                    Duration.ofSeconds(5),
                    trustWithTls(otherCa.issue(Trust.GATEWAY)),
                    Telemetry.noop());
            ManagedChannel plaintext = TestTrust.asGateway(secured.grpcTarget(), SERVICE);
            try {
                assertThat(check(trusted), is(CallerContexts.ANONYMOUS));
                assertRefused(Status.Code.UNAVAILABLE, untrusted);
                assertRefused(Status.Code.UNAVAILABLE, plaintext);
            } finally {
                trusted.shutdownNow();
                untrusted.shutdownNow();
                plaintext.shutdownNow();
            }
        }
    }

    @Test
    void mutualTlsHoldsWhenCallsAreSpreadOverInstancesUnderOneName(@TempDir Path folder) throws Exception {
        TestCertificates platformCa = TestCertificates.authority(folder, "platform");
        Trust gateway = trustWithTls(platformCa.issue(Trust.GATEWAY));
        // two instances behind one name, as a headless Service's pods: each certificate names it
        try (ServiceHost first = start(platformCa.issue(SERVICE));
                ServiceHost second = start(platformCa.issue(SERVICE));
                ServiceHost misnamed = start(platformCa.issueFor(SERVICE, "other-service.cfe.svc"))) {
            ManagedChannel balanced = GrpcChannels.open(
                    "list:///localhost:" + first.grpcPort() + ",localhost:" + second.grpcPort(),
                    SERVICE,
                    Duration.ofSeconds(5),
                    gateway,
                    Telemetry.noop());
            ManagedChannel toMisnamed = GrpcChannels.open(
                    "list:///localhost:" + misnamed.grpcPort(),
                    SERVICE,
                    Duration.ofSeconds(5),
                    gateway,
                    Telemetry.noop());
            try {
                Set<Integer> answeredFrom = ConcurrentHashMap.newKeySet();
                Channel recording = ClientInterceptors.intercept(balanced, remotePortInto(answeredFrom));
                for (int call = 0; call < 20; call++) {
                    assertThat(check(recording), is(CallerContexts.ANONYMOUS));
                }
                assertThat(answeredFrom, is(Set.of(first.grpcPort(), second.grpcPort())));
                // a certificate that does not name the host the channel dialled is refused
                assertRefused(Status.Code.UNAVAILABLE, toMisnamed);
            } finally {
                balanced.shutdownNow();
                toMisnamed.shutdownNow();
            }
        }
    }

    /** Records the port of the instance that answered each call. */
    private static ClientInterceptor remotePortInto(Set<Integer> ports) {
        return new ClientInterceptor() {
            @Override
            public <Q, R> ClientCall<Q, R> interceptCall(
                    MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
                return new ForwardingClientCall.SimpleForwardingClientCall<>(next.newCall(method, options)) {
                    @Override
                    public void start(Listener<R> listener, Metadata headers) {
                        ClientCall<Q, R> call = delegate();
                        super.start(
                                new ForwardingClientCallListener.SimpleForwardingClientCallListener<>(listener) {
                                    @Override
                                    public void onHeaders(Metadata answerHeaders) {
                                        SocketAddress remote =
                                                call.getAttributes().get(Grpc.TRANSPORT_ATTR_REMOTE_ADDR);
                                        ports.add(((InetSocketAddress) remote).getPort());
                                        super.onHeaders(answerHeaders);
                                    }
                                },
                                headers);
                    }
                };
            }
        };
    }

    private static Trust trustWithTls(Map<String, String> tls) {
        return Trust.load(Trust.GATEWAY, ServiceConfig.load("sample-service", TestTrust.config(Trust.GATEWAY, tls)));
    }
}
