package uk.portsmouth.cfe.gateway.http;

import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.HttpService;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A routes class mounted at its prefix (its {@code PREFIX}, e.g. {@code /v1/schools/{urn}/attendance}),
 * declaring its routes relative to it. The mounting rule (docs/architecture.md, "Route index"): one
 * prefix a class, one class a prefix; a URL is served by the class of the longest prefix it begins
 * with, so that a URL leads to its class.
 */
public record Mount(String prefix, HttpService routes) {

    /**
     * Registers every mount in the order {@link #inTriedOrder} gives; refuses a prefix or a class
     * mounted twice.
     */
    public static void registerAll(HttpRouting.Builder routing, List<Mount> mounts) {
        Set<String> prefixes = new HashSet<>();
        Set<Class<?>> classes = new HashSet<>();
        for (Mount mount : mounts) {
            if (!prefixes.add(mount.prefix()) || !classes.add(mount.routes().getClass())) {
                throw new IllegalStateException("mounted twice: " + mount);
            }
        }
        inTriedOrder(mounts).forEach(mount -> routing.register(mount.prefix(), mount.routes()));
    }

    /**
     * The order Helidon tries the mounts in (the order they are registered): a prefix before every
     * shorter one that could also serve its URLs ({@code /v1/schools/{urn}/pupils/{upn}/overview}
     * must answer before {@code /v1/schools/{urn}/pupils} could), the longest first; but first of
     * all the prefixes without a parameter that no other prefix extends (the directory, ORUK, the
     * reference page): no other mount can serve their URLs, and a prefix with a parameter is matched
     * by a regular expression, a dozen of which a directory search passed before (#28).
     */
    static List<Mount> inTriedOrder(List<Mount> mounts) {
        List<Mount> longestFirst = mounts.stream()
                .sorted(Comparator.comparingInt((Mount m) -> segments(m.prefix()).length)
                        .reversed()
                        .thenComparing(Mount::prefix))
                .toList();
        List<Mount> ordered = new ArrayList<>();
        for (Mount mount : longestFirst) {
            if (!mount.prefix().contains("{")
                    && mounts.stream().noneMatch(other -> other != mount && extendsPrefix(other, mount))) {
                ordered.add(mount);
            }
        }
        for (Mount mount : longestFirst) {
            if (!ordered.contains(mount)) {
                ordered.add(mount);
            }
        }
        return ordered;
    }

    /** Whether {@code longer}'s prefix could begin with {@code shorter}'s (a parameter matches any segment). */
    private static boolean extendsPrefix(Mount longer, Mount shorter) {
        String[] outer = segments(longer.prefix());
        String[] inner = segments(shorter.prefix());
        if (outer.length <= inner.length) {
            return false;
        }
        for (int i = 0; i < inner.length; i++) {
            if (!outer[i].equals(inner[i]) && !outer[i].startsWith("{") && !inner[i].startsWith("{")) {
                return false;
            }
        }
        return true;
    }

    private static String[] segments(String prefix) {
        return prefix.split("/");
    }
}
