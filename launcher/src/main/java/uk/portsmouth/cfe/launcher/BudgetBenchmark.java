package uk.portsmouth.cfe.launcher;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code ./cfe bench-budgets [seconds] [warm-up seconds]}: what a request budget costs the
 * gateway: the same cheap read (a public directory search answered from the gateway's copy, so the
 * budget is most of the work left) with no budgets, budgets in the gateway's memory (one gateway,
 * the launcher's default) and budgets shared in the store (several gateways: one compare-and-swap
 * on a MongoDB document a request; then written only every ten charges). Each of sixteen clients calls from an address of its own, so
 * each charges its own budget (requests of one caller in flight at once are charged in one batch,
 * which would hide the store's cost). Prints
 * requests a second, p50 and p99, and each as a share of the run without budgets, in two rounds
 * (the second is the comparison: the first also warms up the code every scenario shares).
 */
public final class BudgetBenchmark {

    private static final String SEARCH = "/v1/directory/services?search=counselling&per_page=5";
    private static final int CLIENTS = 16;
    private static final int SYNC_AFTER = 10;

    /** {@code charged}: the answers carried a budget's RateLimit headers. */
    private record Figures(double perSecond, double p50Millis, double p99Millis, long refused, boolean charged) {}

    private BudgetBenchmark() {}

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        int warmUp = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        // budgets large enough never to refuse (the figures are the cost of keeping them), and small
        // enough that a budget's refill time still fits bucket4j's arithmetic
        System.setProperty("rate-limit.requests-per-minute", "10000000");
        System.setProperty("rate-limit.expensive-requests-per-minute", "10000000");
        System.out.printf(
                Locale.ROOT,
                "Request budgets: %d cores, %d callers (an address and a budget each), %d s a run after %d s warm-up%n%n",
                Runtime.getRuntime().availableProcessors(),
                CLIENTS,
                seconds,
                warmUp);
        System.out.println("| round | budgets | req/s | p50 ms | p99 ms | share of no budgets | refused |");
        System.out.println("|---|---|---|---|---|---|---|");
        // two rounds in one JVM: the first also compiles the code every scenario shares, so the
        // second is the fair comparison
        for (int round = 1; round <= 2; round++) {
            String prefix = "| " + round + " | ";
            Figures none = run(prefix + "none", Map.of("gateway.rate-limit", "false"), seconds, warmUp, null);
            run(
                    prefix + "in the gateway's memory (one gateway)",
                    Map.of("gateway.rate-limit", "true"),
                    seconds,
                    warmUp,
                    none);
            Map<String, String> shared = Map.of("gateway.rate-limit", "true", "gateway.rate-limit-shared", "true");
            run(prefix + "shared in the store (several gateways)", shared, seconds, warmUp, none);
            // the gateway reads it as any setting (system properties are a configuration source)
            System.setProperty("rate-limit.shared-sync-after", String.valueOf(SYNC_AFTER));
            try {
                run(
                        prefix + "shared, written every " + SYNC_AFTER + " charges (RATE_LIMIT_SHARED_SYNC_AFTER)",
                        shared,
                        seconds,
                        warmUp,
                        none);
            } finally {
                System.clearProperty("rate-limit.shared-sync-after");
            }
        }
    }

    private static Figures run(String label, Map<String, String> settings, int seconds, int warmUp, Figures baseline)
            throws Exception {
        try (Launcher platform = BenchmarkPlatform.start(settings)) {
            URI search = URI.create("http://127.0.0.1:" + platform.gatewayPort() + SEARCH);
            load(search, warmUp);
            Figures figures = load(search, seconds);
            try (MongoClient store = MongoClients.create(platform.mongoUri())) {
                // the shared run must have kept its budgets in the store (one document a caller), the others none
                long kept = store.getDatabase("cfe_gateway")
                        .getCollection("rate_limit_budgets")
                        .countDocuments();
                boolean shared = "true".equals(settings.get("gateway.rate-limit-shared"));
                if ((kept >= CLIENTS) != shared) {
                    throw new IllegalStateException(label + ": " + kept + " budgets in the store");
                }
                if (!"false".equals(settings.get("gateway.rate-limit")) != figures.charged()) {
                    throw new IllegalStateException(label + ": budgets not charged as configured");
                }
            }
            System.out.printf(
                    Locale.ROOT,
                    "%s | %,.0f | %.2f | %.2f | %s | %d |%n",
                    label,
                    figures.perSecond(),
                    figures.p50Millis(),
                    figures.p99Millis(),
                    baseline == null
                            ? "100%"
                            : String.format(Locale.ROOT, "%.0f%%", 100 * figures.perSecond() / baseline.perSecond()),
                    figures.refused());
            return figures;
        }
    }

    /**
     * {@value #CLIENTS} clients asking for {@code uri} back to back for {@code seconds}, each from
     * an address of its own on the loopback network (127.0.0.2, .3...): sixteen callers with a
     * budget each, as several schools' systems at once.
     */
    private static Figures load(URI uri, int seconds) throws Exception {
        List<HttpClient> callers = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            callers.add(HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .localAddress(InetAddress.getByName("127.0.0." + (c + 2)))
                    .build());
        }
        HttpRequest request =
                HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build();
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        AtomicLong refused = new AtomicLong();
        AtomicBoolean charged = new AtomicBoolean();
        long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (HttpClient http : callers) {
                running.add(clients.submit(() -> {
                    while (System.nanoTime() < end) {
                        long start = System.nanoTime();
                        HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
                        latencies.add(System.nanoTime() - start);
                        if (response.statusCode() != 200) {
                            refused.incrementAndGet();
                        }
                        if (response.headers().firstValue("RateLimit-Remaining").isPresent()) {
                            charged.set(true);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> client : running) {
                client.get();
            }
        } finally {
            clients.shutdown();
        }
        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        return new Figures(
                sorted.size() / (double) seconds,
                sorted.get(sorted.size() / 2) / 1e6,
                sorted.get((int) (sorted.size() * 0.99)) / 1e6,
                refused.get(),
                charged.get());
    }
}
