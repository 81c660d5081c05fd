package uk.portsmouth.cfe.gateway.http;

import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.HttpService;
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
     * Registers every mount, the longest prefix first (Helidon tries routes in the order they were
     * registered, and {@code /v1/schools/{urn}/pupils/{upn}/overview} must answer before
     * {@code /v1/schools/{urn}/pupils} could); refuses a prefix or a class mounted twice.
     */
    public static void registerAll(HttpRouting.Builder routing, List<Mount> mounts) {
        Set<String> prefixes = new HashSet<>();
        Set<Class<?>> classes = new HashSet<>();
        for (Mount mount : mounts) {
            if (!prefixes.add(mount.prefix()) || !classes.add(mount.routes().getClass())) {
                throw new IllegalStateException("mounted twice: " + mount);
            }
        }
        mounts.stream()
                .sorted(Comparator.comparingInt((Mount m) -> m.prefix().split("/").length)
                        .reversed()
                        .thenComparing(Mount::prefix))
                .forEach(mount -> routing.register(mount.prefix(), mount.routes()));
    }
}
