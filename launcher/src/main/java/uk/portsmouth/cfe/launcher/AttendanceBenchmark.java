package uk.portsmouth.cfe.launcher;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import io.opentelemetry.api.OpenTelemetry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bson.Document;
import uk.portsmouth.cfe.platform.identifiers.Upns;
import uk.portsmouth.cfe.platform.service.ServiceHost;
import uk.portsmouth.cfe.platform.trust.TrustKeys;

/**
 * Attendance ingest figures ({@code ./cfe bench-attendance [pupils] [school-days] [clients]}): a
 * city's pupils spread over the demo schools, then every school day's AM and PM marks of the
 * 2025-26 academic year pushed through the gateway, one batch a school a week (a weekly MIS sync,
 * split so that no batch passes the 10,000-mark limit; or a day, with "daily"), by concurrent
 * clients (as schools' MIS systems would); then the same number of marks written by the raw
 * MongoDB driver to the same store; then the latency of the city-wide and a school's report, and
 * how long a second attendance-service takes to start over the year's marks. A batch answered 503
 * or 429 is sent again after its Retry-After, as an MIS does; any other failure ends the run.
 * Prints figures; asserts nothing. Defaults: 40,000 pupils, 190 school days, 4 clients, weekly batches.
 */
public final class AttendanceBenchmark {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final LocalDate YEAR_START = LocalDate.parse("2025-09-03");
    private static final LocalDate YEAR_END = LocalDate.parse("2026-07-22");
    /** The most marks the API takes in one batch. */
    private static final int MAX_BATCH = 10_000;

    private AttendanceBenchmark() {}

    public static void main(String[] args) throws Exception {
        int pupils = args.length > 0 ? Integer.parseInt(args[0]) : 40_000;
        int days = args.length > 1 ? Integer.parseInt(args[1]) : 190;
        int clients = args.length > 2 ? Integer.parseInt(args[2]) : 4;
        boolean daily = args.length > 3 && args[3].equals("daily");
        try (Launcher launcher = BenchmarkPlatform.start()) {
            String base = "http://127.0.0.1:" + launcher.gatewayPort();
            String token = BenchmarkPlatform.token(base, launcher, "la_officer");
            List<String> schools = urns(base, token);
            List<List<String>> rolls = rolls(base, token, schools, pupils);
            List<LocalDate> schoolDays = schoolDays(days);
            long marks = (long) pupils * 2 * schoolDays.size();
            System.out.printf(
                    "%nCFE attendance benchmark: %,d pupils in %d schools, %d school days (%,d marks),"
                            + " %d clients, %s batches%n",
                    pupils, schools.size(), schoolDays.size(), marks, clients, daily ? "daily" : "weekly");

            long start = System.nanoTime();
            ExecutorService pool = Executors.newFixedThreadPool(clients);
            try {
                for (List<LocalDate> week :
                        daily ? schoolDays.stream().map(List::of).toList() : weeks(schoolDays)) {
                    List<Future<?>> batches = new ArrayList<>();
                    int pupilsABatch = MAX_BATCH / (2 * week.size());
                    for (int s = 0; s < schools.size(); s++) {
                        String urn = schools.get(s);
                        List<String> roll = rolls.get(s);
                        for (int from = 0; from < roll.size(); from += pupilsABatch) {
                            List<String> part = roll.subList(from, Math.min(roll.size(), from + pupilsABatch));
                            batches.add(pool.submit(() ->
                                    post(base + "/v1/schools/" + urn + "/attendance/marks", token, batch(part, week))));
                        }
                    }
                    for (Future<?> batch : batches) {
                        batch.get();
                    }
                }
            } finally {
                pool.shutdown();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf(
                    "through the gateway : %,.0f marks/s (%.0f s for the year; %d batches sent again after a 503"
                            + " or 429)%n",
                    marks / seconds, seconds, RETRIED.get());

            double raw = rawDriver(launcher.mongoUri(), rolls, schoolDays);
            System.out.printf(
                    "raw driver bulk write: %,.0f marks/s (same marks, one document each, to the same store)%n",
                    marks / raw);
            System.out.printf("gateway / raw driver : %.2fx%n", raw / seconds);

            report("city report (year)", base + "/v1/attendance/summary?from=" + YEAR_START + "&to=" + YEAR_END, token);
            report(
                    "school report (year)",
                    base + "/v1/schools/" + schools.get(0) + "/attendance/summary?from=" + YEAR_START + "&to="
                            + YEAR_END,
                    token);
            // what the embedded store answers by reading every enrolment (it keeps no secondary index)
            report(
                    "school's severe absence",
                    base + "/v1/schools/" + schools.get(0) + "/attendance/severe-absence?from=" + YEAR_START + "&to="
                            + YEAR_END,
                    token);
            report("school's roll (page 1)", base + "/v1/schools/" + schools.get(0) + "/pupils?per_page=50", token);
            System.out.printf(
                    "%-22s: %.1f s (a second instance over the year's marks: it counts every school's totals afresh)%n",
                    "attendance start-up", startUp(launcher.mongoUri()));
        }
    }

    /**
     * How long an attendance-service takes to start over the store as it is: mostly its recount of every
     * school's totals.
     */
    private static double startUp(String uri) {
        long start = System.nanoTime();
        try (ServiceHost ignored = uk.portsmouth.cfe.attendance.Main.start(
                Launcher.load(
                        TrustKeys.generate(List.of(uk.portsmouth.cfe.attendance.Main.NAME)),
                        uk.portsmouth.cfe.attendance.Main.NAME,
                        Map.of("mongodb.uri", uri, "grpc.port", "0", "server.port", "0", "demo-data.load", "false")),
                OpenTelemetry.noop())) {
            return (System.nanoTime() - start) / 1e9;
        }
    }

    /** The school days grouped by week, in order. */
    private static List<List<LocalDate>> weeks(List<LocalDate> schoolDays) {
        Map<LocalDate, List<LocalDate>> weeks = new TreeMap<>();
        schoolDays.forEach(day -> weeks.computeIfAbsent(day.with(DayOfWeek.MONDAY), m -> new ArrayList<>())
                .add(day));
        return new ArrayList<>(weeks.values());
    }

    private static String batch(List<String> roll, List<LocalDate> week) {
        StringBuilder json = new StringBuilder("{\"marks\":[");
        for (LocalDate day : week) {
            pupilsMarks(json, roll, day);
        }
        return json.append("]}").toString();
    }

    private static void pupilsMarks(StringBuilder json, List<String> roll, LocalDate day) {
        for (int i = 0; i < roll.size(); i++) {
            String upn = roll.get(i);
            // about one session in twenty missed, some pupils far more: codes vary as in a real register
            String am = (upn.hashCode() + day.getDayOfYear()) % 20 == 0 ? "I" : "/";
            String pm = (upn.hashCode() + day.getDayOfYear()) % 23 == 0 ? "O" : "\\\\";
            json.append(json.charAt(json.length() - 1) == '[' ? "" : ",")
                    .append("{\"upn\":\"")
                    .append(upn)
                    .append("\",\"date\":\"")
                    .append(day)
                    .append("\",\"session\":\"AM\",\"code\":\"")
                    .append(am)
                    .append("\"},")
                    .append("{\"upn\":\"")
                    .append(upn)
                    .append("\",\"date\":\"")
                    .append(day)
                    .append("\",\"session\":\"PM\",\"code\":\"")
                    .append(pm)
                    .append("\"}");
        }
    }

    /**
     * The same marks inserted by the raw driver, one document each, 10,000 a call; the collection is
     * emptied (untimed) every million documents, because a city year of one-document marks does not
     * fit the embedded store's memory.
     */
    private static double rawDriver(String uri, List<List<String>> rolls, List<LocalDate> schoolDays) {
        try (MongoClient client = MongoClients.create(uri)) {
            MongoCollection<Document> collection =
                    client.getDatabase("cfe_benchmark").getCollection("raw_marks");
            long nanos = 0;
            long inserted = 0;
            List<Document> buffer = new ArrayList<>();
            for (LocalDate day : schoolDays) {
                for (List<String> roll : rolls) {
                    for (String upn : roll) {
                        buffer.add(new Document("upn", upn)
                                .append("date", day.toString())
                                .append("session", "AM")
                                .append("code", "/"));
                        buffer.add(new Document("upn", upn)
                                .append("date", day.toString())
                                .append("session", "PM")
                                .append("code", "\\"));
                        if (buffer.size() >= MAX_BATCH) {
                            long start = System.nanoTime();
                            collection.insertMany(buffer);
                            nanos += System.nanoTime() - start;
                            inserted += buffer.size();
                            buffer.clear();
                            if (inserted % 1_000_000 == 0) {
                                collection.drop();
                            }
                        }
                    }
                }
            }
            if (!buffer.isEmpty()) {
                long start = System.nanoTime();
                collection.insertMany(buffer);
                nanos += System.nanoTime() - start;
            }
            collection.drop();
            return nanos / 1e9;
        }
    }

    /**
     * A report's latency: its first answer (a cold path), then p50, p95 and the worst of 200 after at
     * least 100 unmeasured and 3 s of them (as the LA's dashboards ask it all day; the JIT, of the
     * platform and of this client in the same JVM, takes a few hundred requests to settle).
     */
    private static void report(String name, String url, String token) throws Exception {
        long first = System.nanoTime();
        answered(get(url, token), url);
        first = System.nanoTime() - first;
        long warmUntil = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(3);
        for (int i = 0; i < 100 || System.nanoTime() < warmUntil; i++) {
            answered(get(url, token), url);
        }
        long[] nanos = new long[200];
        for (int i = 0; i < nanos.length; i++) {
            long start = System.nanoTime();
            answered(get(url, token), url);
            nanos[i] = System.nanoTime() - start;
        }
        Arrays.sort(nanos);
        System.out.printf(
                "%-22s: p50 %.2f ms, p95 %.2f ms, max %.2f ms (the first %.0f ms)%n",
                name,
                nanos[nanos.length / 2] / 1e6,
                nanos[nanos.length * 95 / 100] / 1e6,
                nanos[nanos.length - 1] / 1e6,
                first / 1e6);
    }

    private static void answered(HttpResponse<String> response, String url) {
        if (response.statusCode() != 200) {
            throw new IllegalStateException(url + " -> " + response.statusCode() + " " + response.body());
        }
    }

    /** Weekdays of the 2025-26 terms (as in attendance-service.yaml), the first {@code count}. */
    private static List<LocalDate> schoolDays(int count) {
        List<LocalDate[]> closed = List.of(
                new LocalDate[] {LocalDate.parse("2025-10-27"), LocalDate.parse("2025-10-31")},
                new LocalDate[] {LocalDate.parse("2025-12-20"), LocalDate.parse("2026-01-04")},
                new LocalDate[] {LocalDate.parse("2026-02-16"), LocalDate.parse("2026-02-20")},
                new LocalDate[] {LocalDate.parse("2026-03-28"), LocalDate.parse("2026-04-12")},
                new LocalDate[] {LocalDate.parse("2026-05-04"), LocalDate.parse("2026-05-04")},
                new LocalDate[] {LocalDate.parse("2026-05-25"), LocalDate.parse("2026-05-29")});
        List<LocalDate> days = new ArrayList<>();
        for (LocalDate day = YEAR_START; !day.isAfter(YEAR_END) && days.size() < count; day = day.plusDays(1)) {
            LocalDate d = day;
            boolean weekend = day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY;
            if (!weekend && closed.stream().noneMatch(c -> !d.isBefore(c[0]) && !d.isAfter(c[1]))) {
                days.add(day);
            }
        }
        return days;
    }

    /** {@code pupils} pupils spread over the schools, on their rolls through the API. */
    private static List<List<String>> rolls(String base, String token, List<String> schools, int pupils)
            throws Exception {
        List<List<String>> rolls = new ArrayList<>();
        for (int s = 0; s < schools.size(); s++) {
            List<String> roll = new ArrayList<>();
            StringBuilder json = new StringBuilder("{\"pupils\":[");
            for (int i = s; i < pupils; i += schools.size()) {
                String rest = String.format("851%04d%05d", s, i / schools.size() % 100_000)
                        .substring(0, 12);
                String upn = Upns.checkLetter(rest) + rest;
                roll.add(upn);
                json.append(roll.size() == 1 ? "" : ",")
                        .append("{\"upn\":\"")
                        .append(upn)
                        .append("\",\"given_name\":\"Pupil\",\"family_name\":\"")
                        .append(i)
                        .append("\",\"date_of_birth\":\"2014-01-01\",\"year_group\":")
                        .append(i % 12)
                        .append(",\"sen_status\":\"none\"}");
            }
            post(
                    base + "/v1/schools/" + schools.get(s) + "/pupils",
                    token,
                    json.append("]}").toString());
            rolls.add(roll);
        }
        return rolls;
    }

    private static List<String> urns(String base, String token) throws Exception {
        List<String> urns = new ArrayList<>();
        Matcher matcher = Pattern.compile("\"urn\":\"([0-9]{6})\"")
                .matcher(get(base + "/v1/schools?per_page=100", token).body());
        while (matcher.find()) {
            urns.add(matcher.group(1));
        }
        return urns;
    }

    private static HttpResponse<String> get(String url, String token) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create(url))
                        .header("Authorization", "Bearer " + token)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Batches the gateway asked to be sent again later (503 or 429 with Retry-After), as an MIS would. */
    private static final java.util.concurrent.atomic.AtomicLong RETRIED = new java.util.concurrent.atomic.AtomicLong();

    private static final int MOST_ATTEMPTS = 8;

    /**
     * Posts a batch; when the gateway says the store is busy (503) or the client is over its budget
     * (429), waits as its Retry-After says (at least the back-off, doubling from 250 ms) and sends
     * it again, as a well-made MIS client does. Anything else but 200 ends the run.
     */
    private static Void post(String url, String token, String json) throws Exception {
        long backOffMillis = 250;
        for (int attempt = 1; ; attempt++) {
            HttpResponse<String> response = HTTP.send(
                    HttpRequest.newBuilder(URI.create(url))
                            .header("Authorization", "Bearer " + token)
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(json))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            int status = response.statusCode();
            if (status == 200) {
                return null;
            }
            if ((status == 503 || status == 429) && attempt < MOST_ATTEMPTS) {
                RETRIED.incrementAndGet();
                long retryAfterMillis =
                        response.headers().firstValueAsLong("Retry-After").orElse(0) * 1000;
                Thread.sleep(Math.max(retryAfterMillis, backOffMillis));
                backOffMillis *= 2;
                continue;
            }
            throw new IllegalStateException(url + " -> " + status + " "
                    + response.body().substring(0, Math.min(500, response.body().length())));
        }
    }
}
