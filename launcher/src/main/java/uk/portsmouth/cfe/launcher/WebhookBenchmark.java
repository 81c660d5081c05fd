package uk.portsmouth.cfe.launcher;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import uk.portsmouth.cfe.platform.identifiers.Upns;

/**
 * {@code ./cfe bench-webhooks [events] [writers]}: what webhooks cost and how fast they arrive. A
 * school notifies removals from its roll (each an event the LA hears) from {@code writers} clients
 * at once, first with no subscriber, then with two LA subscribers whose receiver runs on this
 * machine. Prints the removals a second in each run (the change's own throughput, which
 * subscribers should not lower beyond noise), the deliveries a second, and the latency from the
 * removal's answer to its delivery's arrival (p50, p99): under that burst, and for removals made
 * one at a time a tenth of a second apart (a city's everyday rate); and the write's own response
 * time at that rate, with no subscriber and with two.
 */
public final class WebhookBenchmark {

    private static final String URN = "116000";
    private static final int TRICKLE = 50;

    private WebhookBenchmark() {}

    public static void main(String[] args) throws Exception {
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 2_000;
        int writers = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        Map<String, Long> arrived = new ConcurrentHashMap<>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        receiver.createContext("/", exchange -> {
            long now = System.nanoTime();
            exchange.getRequestBody().readAllBytes();
            arrived.putIfAbsent(
                    exchange.getRequestURI().getPath() + " "
                            + exchange.getRequestHeaders().getFirst("webhook-id"),
                    now);
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        try (Launcher launcher = BenchmarkPlatform.start()) {
            String base = "http://127.0.0.1:" + launcher.gatewayPort();
            String school = BenchmarkPlatform.token(base, launcher, "school");
            HttpClient http = HttpClient.newHttpClient();
            // three batches of pupils on the roll: warm-up, no subscribers, subscribers
            List<String> upns = new ArrayList<>();
            for (int i = 0; i < events * 3 + 2 * TRICKLE; i++) {
                String rest = String.format(Locale.ROOT, "8517002%05d", i);
                upns.add(Upns.checkLetter(rest) + rest);
            }
            for (int from = 0; from < upns.size(); from += 500) {
                List<String> batch = upns.subList(from, Math.min(upns.size(), from + 500));
                String pupils = String.join(
                        ",",
                        batch.stream()
                                .map(upn -> "{\"upn\":\"" + upn
                                        + "\",\"given_name\":\"Bench\",\"family_name\":\"Pupil\","
                                        + "\"date_of_birth\":\"2017-03-04\",\"year_group\":4,\"sen_status\":\"none\"}")
                                .toList());
                BenchmarkPlatform.post(
                        http, base, "/v1/schools/" + URN + "/pupils", school, "{\"pupils\":[" + pupils + "]}", 200);
            }
            System.out.printf(
                    Locale.ROOT,
                    "Webhooks: %d cores, %d removals from the roll a run, %d writers; the receiver on this machine%n%n",
                    Runtime.getRuntime().availableProcessors(),
                    events,
                    writers);
            System.out.println("| run | subscribers | removals/s | deliveries/s | latency p50 ms | p99 ms |");
            System.out.println("|---|---|---|---|---|---|");
            remove(http, base, school, upns.subList(0, events), writers, new ConcurrentHashMap<>()); // warm-up
            Map<String, Long> answered = new ConcurrentHashMap<>();
            double bare = remove(http, base, school, upns.subList(events, events * 2), writers, answered);
            System.out.printf(Locale.ROOT, "| no subscribers | 0 | %.0f | - | - | - |%n", bare);
            // the write's own time at an everyday rate, before anyone subscribes
            List<Double> writesAlone =
                    trickle(http, base, school, upns.subList(events * 3 + TRICKLE, events * 3 + 2 * TRICKLE), answered);

            String port = String.valueOf(receiver.getAddress().getPort());
            for (String role : List.of("la_officer", "la_admin")) {
                String token = BenchmarkPlatform.token(base, launcher, role);
                BenchmarkPlatform.post(
                        http,
                        base,
                        "/v1/webhooks",
                        token,
                        "{\"url\":\"http://127.0.0.1:" + port + "/" + role
                                + "\",\"events\":[\"roll-removal.notified\"]}",
                        201);
            }
            answered.clear();
            List<String> heard = upns.subList(events * 2, events * 3);
            double subscribed = remove(http, base, school, heard, writers, answered);
            long deadline = System.nanoTime() + 120_000_000_000L;
            // every burst delivery (the subscribers may also hear removals made just before they subscribed)
            while (latencies(heard, answered, arrived).size() < heard.size() * 2 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            List<Double> latencies = latencies(heard, answered, arrived);
            System.out.printf(
                    Locale.ROOT,
                    "| a burst, two LA subscribers | 2 | %.0f (%.2fx) | %.0f | %.1f | %.1f |%n",
                    subscribed,
                    subscribed / bare,
                    latencies.size() / spanSeconds(heard, answered, arrived),
                    percentile(latencies, 50),
                    percentile(latencies, 99));
            int burstDelivered = latencies.size();
            // one at a time, a tenth of a second apart
            List<String> trickle = upns.subList(events * 3, events * 3 + TRICKLE);
            answered.clear();
            List<Double> writesHeard = trickle(http, base, school, trickle, answered);
            deadline = System.nanoTime() + 30_000_000_000L;
            while (latencies(trickle, answered, arrived).size() < TRICKLE * 2 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            List<Double> everyday = latencies(trickle, answered, arrived);
            System.out.printf(
                    Locale.ROOT,
                    "| one at a time, 0.1 s apart | 2 | - | - | %.1f | %.1f |%n",
                    percentile(everyday, 50),
                    percentile(everyday, 99));
            System.out.printf(
                    Locale.ROOT,
                    "%nThe write itself, one at a time 0.1 s apart (the removal's response time): no subscribers"
                            + " p50 %.1f ms, p99 %.1f ms; two subscribers p50 %.1f ms, p99 %.1f ms.%n",
                    percentile(writesAlone, 50),
                    percentile(writesAlone, 99),
                    percentile(writesHeard, 50),
                    percentile(writesHeard, 99));
            System.out.printf(
                    Locale.ROOT,
                    "%nDelivered %d of %d in the burst, %d of %d one at a time (two subscribers each).%n",
                    burstDelivered,
                    heard.size() * 2,
                    everyday.size(),
                    TRICKLE * 2);
        } finally {
            receiver.stop(0);
        }
    }

    private static String eventId(String upn) {
        return "roll-removal.notified/" + URN + ":" + upn + ":" + LocalDate.now(ZoneId.of("Europe/London")) + "/v1";
    }

    /** Each delivery's time from its removal's answer to its arrival, ms, sorted. */
    private static List<Double> latencies(List<String> upns, Map<String, Long> answered, Map<String, Long> arrived) {
        List<Double> latencies = new ArrayList<>();
        for (String upn : upns) {
            for (String role : List.of("la_officer", "la_admin")) {
                Long at = arrived.get("/" + role + " " + eventId(upn));
                if (at != null && answered.containsKey(upn)) {
                    latencies.add((at - answered.get(upn)) / 1e6);
                }
            }
        }
        Collections.sort(latencies);
        return latencies;
    }

    /** Seconds from the first removal's answer to the last delivery's arrival. */
    private static double spanSeconds(List<String> upns, Map<String, Long> answered, Map<String, Long> arrived) {
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        for (String upn : upns) {
            first = Math.min(first, answered.getOrDefault(upn, Long.MAX_VALUE));
            for (String role : List.of("la_officer", "la_admin")) {
                last = Math.max(last, arrived.getOrDefault("/" + role + " " + eventId(upn), Long.MIN_VALUE));
            }
        }
        return (last - first) / 1e9;
    }

    /** Removes {@code upns} from the roll with {@code writers} at once; removals a second. */
    private static double remove(
            HttpClient http, String base, String school, List<String> upns, int writers, Map<String, Long> answered)
            throws Exception {
        String today = LocalDate.now(ZoneId.of("Europe/London")).toString();
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        long start = System.nanoTime();
        List<Future<?>> running = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            running.add(pool.submit(() -> {
                for (int i = next.getAndIncrement(); i < upns.size(); i = next.getAndIncrement()) {
                    String upn = upns.get(i);
                    BenchmarkPlatform.post(
                            http,
                            base,
                            "/v1/schools/" + URN + "/roll-removals",
                            school,
                            "{\"upn\":\"" + upn + "\",\"deletion_date\":\"" + today + "\",\"ground\":\"g\"}",
                            201);
                    answered.put(upn, System.nanoTime());
                }
                return null;
            }));
        }
        for (Future<?> writer : running) {
            writer.get();
        }
        pool.shutdown();
        return upns.size() / ((System.nanoTime() - start) / 1e9);
    }

    /** Removes {@code upns} one at a time, a tenth of a second apart; each removal's response time, ms, sorted. */
    private static List<Double> trickle(
            HttpClient http, String base, String school, List<String> upns, Map<String, Long> answered)
            throws Exception {
        List<Double> took = new ArrayList<>();
        for (String upn : upns) {
            long start = System.nanoTime();
            remove(http, base, school, List.of(upn), 1, answered);
            took.add((System.nanoTime() - start) / 1e6);
            Thread.sleep(100);
        }
        Collections.sort(took);
        return took;
    }

    private static double percentile(List<Double> sorted, int p) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }
}
