package uk.portsmouth.cfe.platform.reference;

import com.google.gson.JsonObject;
import java.util.List;
import java.util.Optional;
import uk.portsmouth.cfe.platform.resources.JsonResources;

/**
 * The Family Support Plan's 10 aspects of life, shared vocabulary of the contracts: the directory
 * categorises services by them and a plan discusses each. One list (in the proto module's
 * resources, next to the contracts), so no service keeps its own copy.
 */
public final class AspectsOfLife {

    /** One aspect: its stable slug (the id every service uses), name and what it covers. */
    public record Aspect(String slug, String name, String description) {}

    /** The 10 aspects, in the FSP's order. */
    public static final List<Aspect> ALL =
            JsonResources.read("cfe/common/v1/aspects-of-life.json").getAsJsonArray("aspects").asList().stream()
                    .map(element -> {
                        JsonObject aspect = element.getAsJsonObject();
                        return new Aspect(
                                aspect.get("slug").getAsString(),
                                aspect.get("name").getAsString(),
                                aspect.get("description").getAsString());
                    })
                    .toList();

    private AspectsOfLife() {}

    public static Optional<Aspect> bySlug(String slug) {
        return ALL.stream().filter(a -> a.slug().equals(slug)).findFirst();
    }
}
