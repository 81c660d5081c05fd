package uk.portsmouth.cfe.platform.events;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import uk.portsmouth.cfe.platform.errors.VersionConflictException;
import uk.portsmouth.cfe.platform.mongo.EmbeddedMongo;
import uk.portsmouth.cfe.platform.mongo.VersionedRecords;
import uk.portsmouth.cfe.proto.common.v1.KnownAs;
import uk.portsmouth.cfe.proto.common.v1.PlatformEvent;

/**
 * The events a write causes are recorded in the same write (the record's outbox) and stay until
 * acknowledged; acknowledging never changes the record's version; and under racing writes and
 * acknowledgments every event is listed at least once and none is lost (compared with a recount
 * of the record's versions).
 */
class EventOutboxTest {

    private EmbeddedMongo store;
    private MongoClient client;
    private VersionedRecords<KnownAs> records;
    private EventOutbox outbox;

    @BeforeEach
    void start() {
        store = EmbeddedMongo.inMemory();
        client = MongoClients.create(store.uri());
        MongoCollection<Document> collection = client.getDatabase("events_test").getCollection("children");
        records = new VersionedRecords<>(collection, "child", KnownAs::getGivenName, KnownAs::newBuilder, (r, d) -> {});
        outbox = new EventOutbox(List.of(collection));
    }

    @AfterEach
    void stop() {
        client.close();
        store.close();
    }

    private static KnownAs child(String name, String family) {
        return KnownAs.newBuilder().setGivenName(name).setFamilyName(family).build();
    }

    private static List<EventDraft> event(String type, String id) {
        return List.of(new EventDraft(
                type,
                id,
                java.time.Instant.now().toString(),
                "test-service",
                "116000",
                "app-a",
                Struct.newBuilder()
                        .putFields("id", Value.newBuilder().setStringValue(id).build())
                        .build()));
    }

    private List<String> pendingIds() {
        return outbox.pending(EventOutbox.MAX_LIMIT).stream()
                .map(PlatformEvent::getId)
                .toList();
    }

    @Test
    void eventsStayWithTheirRecordUntilAcknowledgedAndTheVersionIsUntouched() {
        records.insert(child("kit", "a"), "app-a", event("child.created", "kit"));
        assertThat(pendingIds(), is(List.of("child.created/kit/v1")));
        records.replace(child("kit", "b"), 1, "app-a", event("child.updated", "kit"));
        assertThat(pendingIds(), is(List.of("child.created/kit/v1", "child.updated/kit/v2")));
        PlatformEvent first = outbox.pending(1).get(0);
        assertThat(first.getSchoolUrn(), is("116000"));
        assertThat(first.getData().getFieldsOrThrow("id").getStringValue(), is("kit"));

        assertThat(outbox.acknowledge(List.of("child.created/kit/v1")), is(1L));
        assertThat(pendingIds(), is(List.of("child.updated/kit/v2")));
        // the record is still at version 2: a client's If-Match on it still holds
        assertThat(records.find("kit").orElseThrow().version(), is(2L));
        records.replace(child("kit", "c"), 2, "app-a", event("child.updated", "kit"));
        // a write without events keeps those pending
        records.replace(child("kit", "d"), 3, "app-a");
        assertThat(pendingIds(), is(List.of("child.updated/kit/v2", "child.updated/kit/v3")));
        assertThat(records.find("kit").orElseThrow().body().getFamilyName(), is("d"));
    }

    @Test
    void racingWritesAndAcknowledgmentsLoseNoEvent() throws Exception {
        records.insert(child("ren", "0"), "app-a", event("child.created", "ren"));
        int writers = 8;
        int writesEach = 40;
        ExecutorService pool = Executors.newFixedThreadPool(writers + 1);
        CountDownLatch go = new CountDownLatch(1);
        AtomicBoolean writing = new AtomicBoolean(true);
        Set<String> taken = ConcurrentHashMap.newKeySet();
        // the gateway's part: take what is pending and acknowledge it, over and over
        Future<?> taker = pool.submit(() -> {
            go.await();
            while (writing.get()) {
                List<String> ids = pendingIds();
                taken.addAll(ids);
                if (!ids.isEmpty()) {
                    outbox.acknowledge(ids);
                }
            }
            return null;
        });
        List<Future<?>> writes = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            int writer = w;
            writes.add(pool.submit(() -> {
                go.await();
                for (int i = 0; i < writesEach; i++) {
                    while (true) {
                        long version = records.find("ren").orElseThrow().version();
                        try {
                            records.replace(
                                    child("ren", writer + "-" + i), version, "app-a", event("child.updated", "ren"));
                            break;
                        } catch (VersionConflictException raced) {
                            // another writer got there first: read again
                        }
                    }
                }
                return null;
            }));
        }
        go.countDown();
        for (Future<?> write : writes) {
            write.get();
        }
        writing.set(false);
        taker.get();
        pool.shutdown();
        taken.addAll(pendingIds());

        // the recount: every version the record went through caused exactly one event, and each was taken
        long versions = records.find("ren").orElseThrow().version();
        assertThat(versions, is(1L + writers * writesEach));
        Set<String> expected = ConcurrentHashMap.newKeySet();
        expected.add("child.created/ren/v1");
        for (long v = 2; v <= versions; v++) {
            expected.add("child.updated/ren/v" + v);
        }
        assertThat(taken, is(expected));
    }
}
