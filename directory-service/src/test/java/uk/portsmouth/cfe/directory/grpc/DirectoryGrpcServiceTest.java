package uk.portsmouth.cfe.directory.grpc;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import uk.portsmouth.cfe.directory.Main;
import uk.portsmouth.cfe.directory.demo.DirectoryDemoData;
import uk.portsmouth.cfe.directory.domain.Taxonomies;
import uk.portsmouth.cfe.platform.errors.FieldError;
import uk.portsmouth.cfe.platform.grpc.CallerContexts;
import uk.portsmouth.cfe.platform.grpc.GrpcErrors;
import uk.portsmouth.cfe.platform.service.ServiceHost;
import uk.portsmouth.cfe.platform.telemetry.Telemetry;
import uk.portsmouth.cfe.platform.testing.TestTrust;
import uk.portsmouth.cfe.proto.common.v1.CallerContext;
import uk.portsmouth.cfe.proto.directory.v1.Attribute;
import uk.portsmouth.cfe.proto.directory.v1.CreateServiceRequest;
import uk.portsmouth.cfe.proto.directory.v1.DirectoryServiceGrpc;
import uk.portsmouth.cfe.proto.directory.v1.DirectoryServiceGrpc.DirectoryServiceBlockingStub;
import uk.portsmouth.cfe.proto.directory.v1.GetByIdRequest;
import uk.portsmouth.cfe.proto.directory.v1.SearchServicesRequest;
import uk.portsmouth.cfe.proto.directory.v1.Service;
import uk.portsmouth.cfe.proto.directory.v1.ServiceRecord;
import uk.portsmouth.cfe.proto.directory.v1.ServiceStatus;
import uk.portsmouth.cfe.proto.directory.v1.UpdateServiceRequest;

/** The directory over a real gRPC channel, with the demo data loaded into the embedded store. */
class DirectoryGrpcServiceTest {

    private static final CallerContext EDITOR = CallerContext.newBuilder()
            .setSubject("editor-1")
            .addRoles("directory_editor")
            .build();
    private static final CallerContext PARTNER =
            CallerContext.newBuilder().setSubject("nhs").addRoles("partner").build();

    private static ServiceHost host;
    private static ManagedChannel channel;
    private static DirectoryServiceBlockingStub anonymous;

    @BeforeAll
    static void start() {
        host = Main.start(TestTrust.serviceConfig(Main.NAME, true, Map.of()), Telemetry.noop());
        channel = TestTrust.asGateway(host.grpcTarget(), Main.NAME);
        anonymous = DirectoryServiceGrpc.newBlockingStub(channel);
    }

    @AfterAll
    static void stop() {
        channel.shutdownNow();
        host.close();
    }

    private static DirectoryServiceBlockingStub as(CallerContext caller) {
        return CallerContexts.attach(anonymous, caller);
    }

    private static Service.Builder newService() {
        return Service.newBuilder()
                .setName("Homework club")
                .setOrganizationId(DirectoryDemoData.organizationId("pcc"))
                .addAttributes(Attribute.newBuilder()
                        .setTaxonomyTermId(Taxonomies.termId(Taxonomies.ASPECTS_OF_LIFE, "getting-a-good-education")));
    }

    @Test
    void demoDataIsSearchable() {
        var page = anonymous.searchServices(
                SearchServicesRequest.newBuilder().setText("kooth").build());
        assertThat(page.getContents(0).getName(), is("Kooth"));
        assertThat(page.getContents(0).getOrganization().getName(), is("Kooth"));
        assertThat(
                anonymous
                        .searchServices(SearchServicesRequest.getDefaultInstance())
                        .getPage()
                        .getTotalItems(),
                greaterThanOrEqualTo(60));
    }

    @Test
    void anEditorCreatesAndUpdatesWithVersions() {
        ServiceRecord created = as(EDITOR)
                .createService(CreateServiceRequest.newBuilder()
                        .setService(newService())
                        .build());
        assertThat(created.getVersion(), is(1L));
        assertThat(created.getModifiedBy(), is("editor-1"));
        ServiceRecord updated = as(EDITOR)
                .updateService(UpdateServiceRequest.newBuilder()
                        .setService(created.getService().toBuilder().setStatus(ServiceStatus.SERVICE_STATUS_INACTIVE))
                        .setExpectedVersion(1)
                        .build());
        assertThat(updated.getVersion(), is(2L));
        assertThat(
                anonymous
                        .getService(GetByIdRequest.newBuilder()
                                .setId(created.getService().getId())
                                .build())
                        .getService()
                        .getStatus(),
                is(ServiceStatus.SERVICE_STATUS_INACTIVE));

        StatusRuntimeException stale = assertThrows(
                StatusRuntimeException.class,
                () -> as(EDITOR)
                        .updateService(UpdateServiceRequest.newBuilder()
                                .setService(created.getService())
                                .setExpectedVersion(1)
                                .build()));
        assertThat(stale.getStatus().getCode(), is(Status.Code.FAILED_PRECONDITION));
        assertThat(GrpcErrors.currentVersion(stale).orElseThrow(), is(2L));
    }

    @Test
    void onlyEditorsMayWrite() {
        for (DirectoryServiceBlockingStub stub : new DirectoryServiceBlockingStub[] {anonymous, as(PARTNER)}) {
            StatusRuntimeException denied = assertThrows(
                    StatusRuntimeException.class,
                    () -> stub.createService(CreateServiceRequest.newBuilder()
                            .setService(newService())
                            .build()));
            assertThat(denied.getStatus().getCode(), is(Status.Code.PERMISSION_DENIED));
        }
    }

    @Test
    void invalidInputCarriesTheFields() {
        StatusRuntimeException invalid = assertThrows(
                StatusRuntimeException.class,
                () -> as(EDITOR)
                        .createService(CreateServiceRequest.newBuilder()
                                .setService(newService().setName("").setEmail("x"))
                                .build()));
        assertThat(invalid.getStatus().getCode(), is(Status.Code.INVALID_ARGUMENT));
        assertThat(
                GrpcErrors.fieldErrors(invalid).stream().map(FieldError::field).toList(), contains("/name", "/email"));
    }

    @Test
    void healthIncludesMongoAndMetricsAreServed() throws Exception {
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        var health = http.send(
                java.net.http.HttpRequest.newBuilder(
                                java.net.URI.create("http://127.0.0.1:" + host.observePort() + "/observe/health"))
                        .build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode(), is(200));
        assertThat(health.body(), org.hamcrest.Matchers.containsString("\"mongodb\""));
        var metrics = http.send(
                java.net.http.HttpRequest.newBuilder(
                                java.net.URI.create("http://127.0.0.1:" + host.observePort() + "/observe/metrics"))
                        .header("Accept", "text/plain")
                        .build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(metrics.statusCode(), is(200));
    }

    @Test
    void unknownAndMalformedIds() {
        assertThat(
                assertThrows(
                                StatusRuntimeException.class,
                                () -> anonymous.getService(GetByIdRequest.newBuilder()
                                        .setId("6b0c2c1e-0000-4000-8000-000000000000")
                                        .build()))
                        .getStatus()
                        .getCode(),
                is(Status.Code.NOT_FOUND));
        assertThat(
                assertThrows(
                                StatusRuntimeException.class,
                                () -> anonymous.getService(
                                        GetByIdRequest.newBuilder().setId("42").build()))
                        .getStatus()
                        .getCode(),
                is(Status.Code.INVALID_ARGUMENT));
    }
}
