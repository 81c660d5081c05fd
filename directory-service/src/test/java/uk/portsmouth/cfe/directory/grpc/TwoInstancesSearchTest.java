package uk.portsmouth.cfe.directory.grpc;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

import io.grpc.ManagedChannel;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import uk.portsmouth.cfe.directory.Main;
import uk.portsmouth.cfe.directory.demo.DirectoryDemoData;
import uk.portsmouth.cfe.platform.grpc.CallerContexts;
import uk.portsmouth.cfe.platform.mongo.EmbeddedMongo;
import uk.portsmouth.cfe.platform.service.ServiceHost;
import uk.portsmouth.cfe.platform.telemetry.Telemetry;
import uk.portsmouth.cfe.platform.testing.Eventually;
import uk.portsmouth.cfe.platform.testing.TestTrust;
import uk.portsmouth.cfe.proto.common.v1.CallerContext;
import uk.portsmouth.cfe.proto.directory.v1.CreateServiceRequest;
import uk.portsmouth.cfe.proto.directory.v1.DirectoryServiceGrpc;
import uk.portsmouth.cfe.proto.directory.v1.DirectoryServiceGrpc.DirectoryServiceBlockingStub;
import uk.portsmouth.cfe.proto.directory.v1.SearchServicesRequest;
import uk.portsmouth.cfe.proto.directory.v1.Service;
import uk.portsmouth.cfe.proto.directory.v1.ServiceRecord;
import uk.portsmouth.cfe.proto.directory.v1.ServiceStatus;
import uk.portsmouth.cfe.proto.directory.v1.UpdateServiceRequest;

/**
 * Two directory-service instances over one store: a new service, an edit and a retirement made
 * through one are found (and no longer found) by searching the other within its refresh interval,
 * and at once through the one that wrote.
 */
class TwoInstancesSearchTest {

    private static final CallerContext EDITOR = CallerContext.newBuilder()
            .setSubject("editor-1")
            .addRoles("directory_editor")
            .build();
    private static final Duration INTERVAL = Duration.ofMillis(300);

    private static EmbeddedMongo store;
    private static ServiceHost writer;
    private static ServiceHost reader;
    private static ManagedChannel writerChannel;
    private static ManagedChannel readerChannel;

    @BeforeAll
    static void start() {
        store = EmbeddedMongo.inMemory();
        Map<String, String> shared = Map.of("mongodb.uri", store.uri(), "search.refresh-interval", "PT0.3S");
        writer = Main.start(TestTrust.serviceConfig(Main.NAME, true, shared), Telemetry.noop());
        reader = Main.start(TestTrust.serviceConfig(Main.NAME, false, shared), Telemetry.noop());
        writerChannel = TestTrust.asGateway(writer.grpcTarget(), Main.NAME);
        readerChannel = TestTrust.asGateway(reader.grpcTarget(), Main.NAME);
    }

    @AfterAll
    static void stop() {
        writerChannel.shutdownNow();
        readerChannel.shutdownNow();
        writer.close();
        reader.close();
        store.close();
    }

    private static DirectoryServiceBlockingStub writer() {
        return CallerContexts.attach(DirectoryServiceGrpc.newBlockingStub(writerChannel), EDITOR);
    }

    private static List<String> found(ManagedChannel channel, String text) {
        return DirectoryServiceGrpc.newBlockingStub(channel)
                .searchServices(SearchServicesRequest.newBuilder()
                        .setText(text)
                        .addStatuses(ServiceStatus.SERVICE_STATUS_ACTIVE)
                        .build())
                .getContentsList()
                .stream()
                .map(Service::getName)
                .toList();
    }

    @Test
    void aCreateAnEditAndARetirementReachTheOtherInstance() throws InterruptedException {
        ServiceRecord created = writer().createService(CreateServiceRequest.newBuilder()
                .setService(Service.newBuilder()
                        .setName("Zumba for carers")
                        .setOrganizationId(DirectoryDemoData.organizationId("pcc"))
                        .setStatus(ServiceStatus.SERVICE_STATUS_ACTIVE))
                .build());
        // the instance that wrote finds it at once
        assertThat(found(writerChannel, "zumba").contains("Zumba for carers"), is(true));
        Eventually.holds(
                "the other instance finds the new service",
                () -> found(readerChannel, "zumba").contains("Zumba for carers"));

        ServiceRecord renamed = writer().updateService(UpdateServiceRequest.newBuilder()
                .setService(created.getService().toBuilder().setName("Salsa for carers"))
                .setExpectedVersion(created.getVersion())
                .build());
        Eventually.holds(
                "the other instance finds it by its new name only",
                () -> found(readerChannel, "salsa").contains("Salsa for carers")
                        && !found(readerChannel, "zumba").contains("Zumba for carers"));

        writer().updateService(UpdateServiceRequest.newBuilder()
                .setService(renamed.getService().toBuilder().setStatus(ServiceStatus.SERVICE_STATUS_DEFUNCT))
                .setExpectedVersion(renamed.getVersion())
                .build());
        Eventually.holds(
                "the other instance no longer finds the retired service",
                () -> !found(readerChannel, "salsa").contains("Salsa for carers"));
    }
}
