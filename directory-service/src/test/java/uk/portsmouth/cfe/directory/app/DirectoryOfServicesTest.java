package uk.portsmouth.cfe.directory.app;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import uk.portsmouth.cfe.directory.demo.DirectoryDemoData;
import uk.portsmouth.cfe.directory.domain.SearchVocabulary;
import uk.portsmouth.cfe.directory.store.OrganizationStore;
import uk.portsmouth.cfe.directory.store.ServiceSearchIndex;
import uk.portsmouth.cfe.directory.store.ServiceStore;
import uk.portsmouth.cfe.platform.errors.ForbiddenException;
import uk.portsmouth.cfe.platform.errors.InvalidInputException;
import uk.portsmouth.cfe.platform.errors.VersionConflictException;
import uk.portsmouth.cfe.platform.grpc.AsCaller;
import uk.portsmouth.cfe.platform.grpc.CallerContexts;
import uk.portsmouth.cfe.platform.mongo.EmbeddedMongo;
import uk.portsmouth.cfe.platform.reference.Roles;
import uk.portsmouth.cfe.platform.testing.TestClock;
import uk.portsmouth.cfe.proto.common.v1.CallerContext;
import uk.portsmouth.cfe.proto.directory.v1.CreateServiceRequest;
import uk.portsmouth.cfe.proto.directory.v1.SearchServicesRequest;
import uk.portsmouth.cfe.proto.directory.v1.Service;
import uk.portsmouth.cfe.proto.directory.v1.ServiceRecord;
import uk.portsmouth.cfe.proto.directory.v1.ServiceStatus;
import uk.portsmouth.cfe.proto.directory.v1.UpdateServiceRequest;

/**
 * The directory's editing use cases on their own (no server; the store and the search index in
 * memory): only editors change it, a change is searchable at once, a change made from an old version
 * is refused, and a retried create with the same key makes one service.
 */
class DirectoryOfServicesTest {

    private static final CallerContext EDITOR = AsCaller.of("editor", List.of(Roles.DIRECTORY_EDITOR));

    private EmbeddedMongo mongo;
    private MongoClient client;
    private ServiceSearchIndex index;
    private DirectoryOfServices directory;
    private ServiceStore services;

    @BeforeEach
    void start() {
        mongo = EmbeddedMongo.inMemory();
        client = MongoClients.create(mongo.uri());
        MongoDatabase database = client.getDatabase("directory");
        Clock clock = new TestClock(Instant.parse("2026-12-01T09:00:00Z"));
        services = new ServiceStore(database, clock);
        OrganizationStore organizations = new OrganizationStore(database);
        DirectoryDemoData.load(organizations, services, clock);
        index = ServiceSearchIndex.build(
                services, organizations, SearchVocabulary.load(), Duration.ofHours(1), Duration.ofSeconds(10));
        directory = new DirectoryOfServices(services, index, organizations, clock);
    }

    @AfterEach
    void stop() {
        index.close();
        client.close();
        mongo.close();
    }

    private static CreateServiceRequest wombatClub(String key) {
        return CreateServiceRequest.newBuilder()
                .setService(Service.newBuilder()
                        .setName("Wombat Club")
                        .setDescription("A weekly club for young carers")
                        .setOrganizationId(DirectoryDemoData.organizationId("pcc"))
                        .setStatus(ServiceStatus.SERVICE_STATUS_ACTIVE))
                .setIdempotencyKey(key)
                .build();
    }

    private long found(String words) {
        return AsCaller.call(
                        CallerContexts.ANONYMOUS,
                        () -> directory.searchServices(SearchServicesRequest.newBuilder()
                                .setText(words)
                                .build()))
                .getPage()
                .getTotalItems();
    }

    @Test
    void onlyAnEditorChangesTheDirectoryAndTheChangeIsFoundAtOnce() {
        for (CallerContext other : List.of(
                CallerContexts.ANONYMOUS,
                AsCaller.of("partner", List.of(Roles.PARTNER)),
                AsCaller.of("school", List.of(Roles.SCHOOL), "100001"))) {
            assertThrows(
                    ForbiddenException.class,
                    () -> AsCaller.call(other, () -> directory.createService(wombatClub(""))));
        }
        assertThat(found("wombat"), is(0L));
        AsCaller.call(EDITOR, () -> directory.createService(wombatClub("")));
        assertThat(found("wombat"), is(1L));
    }

    @Test
    void aChangeFromAnOldVersionIsRefusedAndARetriedCreateMakesOne() {
        ServiceRecord first = AsCaller.call(EDITOR, () -> directory.createService(wombatClub("key-1")));
        ServiceRecord retried = AsCaller.call(EDITOR, () -> directory.createService(wombatClub("key-1")));
        assertThat(retried.getReplayed(), is(true));
        assertThat(retried.getService().getId(), is(first.getService().getId()));
        assertThat(found("wombat"), is(1L));

        UpdateServiceRequest rename = UpdateServiceRequest.newBuilder()
                .setService(first.getService().toBuilder().setName("Numbat Club"))
                .setExpectedVersion(first.getVersion())
                .build();
        AsCaller.call(EDITOR, () -> directory.updateService(rename));
        assertThrows(
                VersionConflictException.class, () -> AsCaller.call(EDITOR, () -> directory.updateService(rename)));
        assertThat(found("numbat"), is(1L));
        assertThat(found("wombat"), is(0L));
    }

    @Test
    void aServiceWithoutAKnownOrganisationIsRefusedByField() {
        CreateServiceRequest orphan = wombatClub("").toBuilder()
                .setService(wombatClub("").getService().toBuilder()
                        .setOrganizationId("00000000-0000-4000-8000-000000000000"))
                .build();
        InvalidInputException refused = assertThrows(
                InvalidInputException.class, () -> AsCaller.call(EDITOR, () -> directory.createService(orphan)));
        assertThat(refused.errors().get(0).field(), is("/organization_id"));
    }

    @Test
    void eachChangeRecordsItsEventInTheSameWriteAndARetriedCreateNone() {
        assertThat(services.outbox().pending(10).size(), is(0)); // the demo data is seeded, not announced
        ServiceRecord first = AsCaller.call(EDITOR, () -> directory.createService(wombatClub("key-2")));
        AsCaller.call(EDITOR, () -> directory.createService(wombatClub("key-2")));
        AsCaller.call(
                EDITOR,
                () -> directory.updateService(UpdateServiceRequest.newBuilder()
                        .setService(first.getService().toBuilder().setName("Numbat Club"))
                        .setExpectedVersion(1)
                        .build()));
        String id = first.getService().getId();
        List<uk.portsmouth.cfe.proto.common.v1.PlatformEvent> events =
                services.outbox().pending(10);
        assertThat(
                events.stream().map(e -> e.getId()).toList(),
                is(List.of("directory.service.changed/" + id + "/v1", "directory.service.changed/" + id + "/v2")));
        assertThat(events.get(0).getData().getFieldsOrThrow("change").getStringValue(), is("created"));
        assertThat(events.get(1).getData().getFieldsOrThrow("change").getStringValue(), is("updated"));
        assertThat(events.get(1).getData().getFieldsOrThrow("name").getStringValue(), is("Numbat Club"));
        assertThat(events.get(1).getService(), is("directory-service"));
        assertThat(found("numbat"), is(1L)); // the store's extra search fields kept beside the outbox
    }
}
