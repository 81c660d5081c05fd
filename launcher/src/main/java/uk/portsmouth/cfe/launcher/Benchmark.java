package uk.portsmouth.cfe.launcher;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A national directory's size ({@code ./cfe bench [sizes...]}, default 75 1000 10000): the demo
 * directory, then generated services added through the editor API (realistic names and
 * descriptions, 200 organisations, aspects of life, audiences, localities, age ranges, from a fixed
 * seed) until each size is reached; at each size, signed in as a partner (so no public copy
 * answers), the latency of a text search (a different query each request, from a set of twenty),
 * a filtered list, one service, and a full ORUK feed pull (every page of 1,000). One client over
 * loopback HTTP. Prints figures and the ratio of each to the first size; asserts nothing.
 */
public final class Benchmark {

    /** Requests before each row is measured; the first size's rows warm the JIT up too, so longer. */
    private static final int WARM_UP = 300;

    private static final int FIRST_WARM_UP = 3_000;
    private static final int MEASURED = 1_000;
    private static final int WRITERS = 8;
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final List<String> QUERIES = List.of(
            "counselling",
            "debt advice",
            "parenting",
            "housing",
            "autism",
            "young carers",
            "domestic abuse",
            "food bank",
            "mental health",
            "school attendance",
            "drugs",
            "breastfeeding",
            "bullying",
            "youth club",
            "benefits",
            "speech and language",
            "homeless",
            "anxiety",
            "fostering",
            "employment");

    private record Figures(double p50, double p95, double p99, double perSecond) {}

    private Benchmark() {}

    public static void main(String[] args) throws Exception {
        List<Integer> sizes = args.length == 0
                ? List.of(75, 1_000, 10_000)
                : Arrays.stream(args).map(Integer::parseInt).toList();
        try (Launcher launcher = BenchmarkPlatform.start()) {
            String base = "http://127.0.0.1:" + launcher.gatewayPort();
            String reader = BenchmarkPlatform.token(base, launcher, "partner");
            String editor = BenchmarkPlatform.token(base, launcher, "directory_editor");
            GeneratedDirectory generated = new GeneratedDirectory(base, editor);
            System.out.printf(
                    Locale.ROOT,
                    "%nCFE directory at a national size: %d measured requests a row, one client signed in as a"
                            + " partner, loopback%n",
                    MEASURED);
            Map<String, Figures> first = new TreeMap<>();
            for (int size : sizes) {
                int total = generated.growTo(size);
                System.out.printf(
                        Locale.ROOT,
                        "%n%,d services%n| scenario | p50 ms | p95 ms | p99 ms | req/s | p50 to the first size |%n"
                                + "|---|---|---|---|---|---|%n",
                        total);
                String id = field(get(base + "/v1/directory/services?search=counselling", reader), "id");
                int warmUp = first.isEmpty() ? FIRST_WARM_UP : WARM_UP;
                Map<String, Figures> rows = new java.util.LinkedHashMap<>();
                rows.put(
                        "text search (20 queries in turn)",
                        measure(
                                i -> base + "/v1/directory/services?search="
                                        + URLEncoder.encode(QUERIES.get(i % QUERIES.size()), StandardCharsets.UTF_8),
                                reader,
                                warmUp));
                rows.put(
                        "filtered list (aspect, age, locality)",
                        measure(
                                i -> base + "/v1/directory/services?aspect_of_life=good-family-relationships&age="
                                        + (i % 18) + "&locality=north",
                                reader,
                                warmUp));
                rows.put("one service by id", measure(i -> base + "/v1/directory/services/" + id, reader, warmUp));
                rows.put(
                        "ORUK page of 50",
                        measure(i -> base + "/oruk/services?per_page=50&page=" + (1 + i % 2), reader, warmUp));
                for (Map.Entry<String, Figures> row : rows.entrySet()) {
                    Figures f = row.getValue();
                    Figures before = first.computeIfAbsent(row.getKey(), k -> f);
                    System.out.printf(
                            Locale.ROOT,
                            "| %s | %.2f | %.2f | %.2f | %,.0f | %.2fx |%n",
                            row.getKey(),
                            f.p50(),
                            f.p95(),
                            f.p99(),
                            f.perSecond(),
                            f.p50() / before.p50());
                }
                fullFeed(base, reader, total);
            }
        }
    }

    /** Every page of the ORUK feed at 1,000 a page, as a national aggregator pulls it. */
    private static void fullFeed(String base, String token, int expected) throws Exception {
        long start = System.nanoTime();
        long bytes = 0;
        int records = 0;
        for (int page = 1; ; page++) {
            String body = get(base + "/oruk/services?per_page=1000&page=" + page, token);
            bytes += body.length();
            records += Integer.parseInt(field(body, "size", "\"size\":(\\d+)"));
            if (body.contains("\"last_page\":true")) {
                break;
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(
                Locale.ROOT,
                "full ORUK feed: %,d records (%d expected) in %.2f s, %.1f MB%n",
                records,
                expected,
                seconds,
                bytes / 1e6);
    }

    private static Figures measure(java.util.function.IntFunction<String> url, String token, int warmUp)
            throws Exception {
        for (int i = 0; i < warmUp; i++) {
            get(url.apply(i), token);
        }
        long[] nanos = new long[MEASURED];
        long start = System.nanoTime();
        for (int i = 0; i < MEASURED; i++) {
            long t = System.nanoTime();
            get(url.apply(i), token);
            nanos[i] = System.nanoTime() - t;
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Arrays.sort(nanos);
        return new Figures(ms(nanos, 0.50), ms(nanos, 0.95), ms(nanos, 0.99), MEASURED / seconds);
    }

    private static double ms(long[] sorted, double quantile) {
        return sorted[Math.min(sorted.length - 1, (int) (sorted.length * quantile))] / 1e6;
    }

    /**
     * Services made up the way a national directory's read: organisations in the city's areas, names
     * and descriptions from each aspect of life's own words, audiences, localities and age ranges.
     */
    private static final class GeneratedDirectory {

        private static final List<String> AREAS = List.of(
                "Fratton",
                "Southsea",
                "Cosham",
                "Paulsgrove",
                "Buckland",
                "Landport",
                "Somers Town",
                "Drayton",
                "Hilsea",
                "Eastney",
                "Milton",
                "Copnor",
                "Stamshaw",
                "Portsea",
                "Farlington",
                "Wymering");
        private static final List<String> KINDS = List.of(
                "Group",
                "Service",
                "Hub",
                "Drop-in",
                "Programme",
                "Club",
                "Clinic",
                "Helpline",
                "Project",
                "Network",
                "Workshop",
                "Outreach");
        private static final List<String> AUDIENCES = List.of(
                "families",
                "parents and carers",
                "children and young people",
                "teenagers",
                "new parents",
                "young adults",
                "professionals working with families",
                "children with SEND and their families");
        /** Each aspect of life's topics, as services describe themselves. */
        private static final Map<String, List<String>> TOPICS = Map.of(
                "financial-stability",
                List.of(
                        "debt advice",
                        "benefits checks",
                        "budgeting",
                        "food bank",
                        "energy bills",
                        "employment support",
                        "cost of living"),
                "getting-a-good-education",
                List.of(
                        "school attendance",
                        "homework support",
                        "SEND advice",
                        "tutoring",
                        "school transition",
                        "exclusion support"),
                "good-family-relationships",
                List.of(
                        "parenting",
                        "family mediation",
                        "young carers",
                        "separated parents",
                        "family activities",
                        "relationship counselling"),
                "good-physical-and-mental-health",
                List.of(
                        "counselling",
                        "anxiety support",
                        "mental health",
                        "healthy eating",
                        "speech and language",
                        "autism support",
                        "bereavement"),
                "healthy-relationships",
                List.of("domestic abuse", "healthy relationships", "bullying", "online safety", "consent education"),
                "keeping-children-safe-from-crime",
                List.of("youth club", "knife crime prevention", "mentoring", "youth justice", "diversion activities"),
                "keeping-children-safe-from-harm",
                List.of("safeguarding advice", "exploitation", "missing children", "early help", "fostering"),
                "pregnancy-and-early-years",
                List.of(
                        "breastfeeding",
                        "baby groups",
                        "antenatal classes",
                        "childcare",
                        "stay and play",
                        "health visiting"),
                "reducing-substance-misuse",
                List.of("drugs", "alcohol support", "substance misuse", "smoking cessation", "recovery groups"),
                "secure-and-suitable-housing",
                List.of("housing advice", "homeless", "tenancy support", "emergency accommodation", "repairs"));

        private final String base;
        private final String token;
        private final Random random = new Random(2026);
        private final Map<String, String> terms = new TreeMap<>();
        private final List<String> organizations = new ArrayList<>();
        private int made;

        GeneratedDirectory(String base, String token) throws Exception {
            this.base = base;
            this.token = token;
            String all = get(base + "/oruk/taxonomy_terms?per_page=100", token);
            Matcher term = Pattern.compile("\"id\":\"([^\"]+)\"[^}]*?\"term\":\"([^\"]+)\"")
                    .matcher(all);
            while (term.find()) {
                terms.put(term.group(2), term.group(1));
            }
        }

        /** Adds generated services until the directory holds {@code size}; returns how many it holds. */
        int growTo(int size) throws Exception {
            int now = total();
            if (now >= size) {
                return now;
            }
            while (organizations.size() < 200) {
                String area = AREAS.get(organizations.size() % AREAS.size());
                organizations.add(field(
                        post(
                                "/v1/directory/organizations",
                                "{\"name\":\"" + area + " Community Trust " + organizations.size()
                                        + "\",\"description\":\"A charity serving families in " + area + ".\"}"),
                        "id"));
            }
            List<String> bodies = new ArrayList<>();
            for (int i = now; i < size; i++) {
                bodies.add(service());
            }
            long start = System.nanoTime();
            ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
            try {
                List<Future<String>> created = new ArrayList<>();
                for (String body : bodies) {
                    created.add(writers.submit(() -> post("/v1/directory/services", body)));
                }
                for (Future<String> done : created) {
                    done.get();
                }
            } finally {
                writers.shutdown();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf(
                    Locale.ROOT,
                    "%nadded %,d services through POST /v1/directory/services (%d writers): %.0f creates/s%n",
                    bodies.size(),
                    WRITERS,
                    bodies.size() / seconds);
            // the search index follows the store within its refresh interval
            for (int tries = 0; total() < size && tries < 600; tries++) {
                Thread.sleep(100);
            }
            return total();
        }

        private int total() throws Exception {
            return Integer.parseInt(
                    field(get(base + "/v1/directory/services?per_page=1", token), "total", "\"total_items\":(\\d+)"));
        }

        private String service() {
            List<String> aspects = new ArrayList<>(TOPICS.keySet());
            String aspect = aspects.get(random.nextInt(aspects.size()));
            List<String> topics = TOPICS.get(aspect);
            String topic = topics.get(random.nextInt(topics.size()));
            String other = topics.get(random.nextInt(topics.size()));
            String area = AREAS.get(random.nextInt(AREAS.size()));
            String kind = KINDS.get(random.nextInt(KINDS.size()));
            String audience = AUDIENCES.get(random.nextInt(AUDIENCES.size()));
            made++;
            String name = area + " " + capitalised(topic) + " " + kind + " " + made;
            String description = "A " + kind.toLowerCase(Locale.ROOT) + " offering " + topic + " for " + audience
                    + " in " + area + ". We also help with " + other + " and can refer you to other local services."
                    + " Free and confidential; no referral needed.";
            int minimumAge = random.nextInt(12);
            int maximumAge = minimumAge + 4 + random.nextInt(15);
            StringBuilder attributes = new StringBuilder("[{\"taxonomy_term_id\":\"" + terms.get(aspect) + "\"}");
            if (random.nextInt(3) > 0) {
                String locality = List.of("north", "central", "south").get(random.nextInt(3));
                attributes
                        .append(",{\"taxonomy_term_id\":\"")
                        .append(terms.get(locality))
                        .append("\"}");
            }
            String audienceTerm = List.of("children-and-young-people", "parents-and-carers", "professionals")
                    .get(random.nextInt(3));
            attributes
                    .append(",{\"taxonomy_term_id\":\"")
                    .append(terms.get(audienceTerm))
                    .append("\"}]");
            return "{\"name\":\"" + name + "\",\"organization_id\":\""
                    + organizations.get(random.nextInt(organizations.size())) + "\",\"description\":\""
                    + description + "\",\"status\":\"active\",\"minimum_age\":" + minimumAge
                    + ",\"maximum_age\":" + maximumAge + ",\"attributes\":" + attributes + "}";
        }

        private String post(String path, String body) throws Exception {
            return BenchmarkPlatform.post(HTTP, base, path, token, body, 201);
        }

        private static String capitalised(String words) {
            return Character.toUpperCase(words.charAt(0)) + words.substring(1);
        }
    }

    private static String get(String url, String token) throws Exception {
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(URI.create(url))
                        .header("Authorization", "Bearer " + token)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(url + " -> " + response.statusCode() + " " + response.body());
        }
        return response.body();
    }

    private static String field(String json, String name) {
        return field(json, name, "\"" + name + "\":\"([^\"]+)\"");
    }

    private static String field(String json, String name, String regex) {
        Matcher matcher = Pattern.compile(regex).matcher(json);
        if (!matcher.find()) {
            throw new IllegalStateException("no " + name + " in " + json.substring(0, Math.min(500, json.length())));
        }
        return matcher.group(1);
    }
}
