package uk.portsmouth.cfe.gateway.webhooks;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import uk.portsmouth.cfe.platform.mongo.EmbeddedMongo;

/**
 * Several gateway instances share the deliveries: dispatchers racing to queue the same events
 * queue each once, and couriers racing to lease due deliveries take each once (compared with a
 * recount of the collection).
 */
class DeliveriesRaceTest {

    private static final int INSTANCES = 8;
    private static final int EVENTS = 60;

    private EmbeddedMongo store;
    private MongoClient client;
    private Deliveries deliveries;

    @BeforeEach
    void start() {
        store = EmbeddedMongo.inMemory();
        client = MongoClients.create(store.uri());
        deliveries = new Deliveries(client.getDatabase("cfe_gateway"));
    }

    @AfterEach
    void stop() {
        client.close();
        store.close();
    }

    private static Subscription subscription(String id) {
        return new Subscription(
                id,
                new Subscription.Owner("mis", List.of("school"), List.of("116000"), ""),
                "https://mis.example.org/hook",
                List.of("absence-report.created"),
                "",
                "",
                Subscription.ACTIVE,
                "",
                List.of(),
                0,
                "",
                "",
                1);
    }

    /** Runs {@code task(instance)} on every instance at once; the sum of what each answered. */
    private static int together(java.util.function.IntUnaryOperator task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(INSTANCES);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Integer>> runs = new ArrayList<>();
        for (int i = 0; i < INSTANCES; i++) {
            int instance = i;
            runs.add(pool.submit(() -> {
                go.await();
                return task.applyAsInt(instance);
            }));
        }
        go.countDown();
        int total = 0;
        for (Future<Integer> run : runs) {
            total += run.get();
        }
        pool.shutdown();
        return total;
    }

    @Test
    void racingDispatchersQueueEachDeliveryOnceAndRacingCouriersLeaseEachOnce() throws Exception {
        List<Subscription> subscriptions = List.of(subscription("wh_a"), subscription("wh_b"));
        Instant now = Instant.now();
        int queued = together(instance -> {
            int mine = 0;
            for (int e = 0; e < EVENTS; e++) {
                for (Subscription s : subscriptions) {
                    if (deliveries.queue(
                            s, "absence-report.created/ar-" + e + "/v1", "absence-report.created", "{}", now)) {
                        mine++;
                    }
                }
            }
            return mine;
        });
        // the recount: one delivery an event a subscription, however many instances queued it
        long stored = deliveries.count("wh_a") + deliveries.count("wh_b");
        assertThat(stored, is((long) EVENTS * subscriptions.size()));
        assertThat(queued, is(EVENTS * subscriptions.size()));

        Map<String, AtomicInteger> leasedBy = new ConcurrentHashMap<>();
        int leased = together(instance -> {
            int mine = 0;
            Instant at = now.plusSeconds(1);
            for (var d = deliveries.lease(at, at.plusSeconds(60), "courier-" + instance, List.of());
                    d.isPresent();
                    d = deliveries.lease(at, at.plusSeconds(60), "courier-" + instance, List.of())) {
                leasedBy.computeIfAbsent(d.get().getString("_id"), k -> new AtomicInteger())
                        .incrementAndGet();
                mine++;
            }
            return mine;
        });
        assertThat(leased, is(EVENTS * subscriptions.size()));
        assertThat(leasedBy.size(), is(EVENTS * subscriptions.size()));
        assertThat(leasedBy.values().stream().allMatch(n -> n.get() == 1), is(true));
    }

    @Test
    void couriersLeasingTheSameKnownDeliveriesByKeyLeaseEachOnceAndNeverAMadeOne() throws Exception {
        Subscription subscription = subscription("wh_c");
        Instant now = Instant.now();
        List<String> ids = new ArrayList<>();
        for (int e = 0; e < EVENTS; e++) {
            String event = "absence-report.created/ar-" + e + "/v1";
            deliveries.queue(subscription, event, "absence-report.created", "{}", now);
            ids.add(Deliveries.id("wh_c", event));
        }
        // the first ten are made before the race: a stale hint must not make them again
        Instant at = now.plusSeconds(1);
        for (String id : ids.subList(0, 10)) {
            deliveries.lease(id, at, at.plusSeconds(60), "earlier");
            deliveries.attempted(id, "earlier", new org.bson.Document("status", 204), Deliveries.DELIVERED, at, at);
        }
        Map<String, AtomicInteger> leasedBy = new ConcurrentHashMap<>();
        int leased = together(instance -> {
            int mine = 0;
            for (String id : ids) { // every instance was told of every one (a dispatcher each)
                if (deliveries
                        .lease(id, at, at.plusSeconds(60), "courier-" + instance)
                        .isPresent()) {
                    leasedBy.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
                    mine++;
                }
            }
            return mine;
        });
        // the recount: the fifty not yet made, each leased by exactly one instance
        assertThat(leased, is(EVENTS - 10));
        assertThat(leasedBy.keySet(), is(java.util.Set.copyOf(ids.subList(10, EVENTS))));
        assertThat(leasedBy.values().stream().allMatch(n -> n.get() == 1), is(true));
    }
}
