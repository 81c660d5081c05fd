package uk.portsmouth.cfe.directory.domain;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import uk.portsmouth.cfe.platform.reference.AspectsOfLife;
import uk.portsmouth.cfe.platform.resources.JsonResources;
import uk.portsmouth.cfe.proto.directory.v1.Taxonomy;
import uk.portsmouth.cfe.proto.directory.v1.TaxonomyTerm;

/**
 * The directory's three taxonomies and their terms, read from taxonomies.json (the aspects of life
 * from the platform's own list). Ids are UUIDs derived from stable slugs, so they never change
 * between installs and every service can refer to "getting-a-good-education".
 */
public final class Taxonomies {

    public static final String ASPECTS_OF_LIFE = "aspects-of-life";
    public static final String LOCALITY = "locality";
    public static final String AUDIENCE = "audience";

    private static final JsonObject FILE = JsonResources.read("taxonomies.json");

    /** The Family Support Plan's 10 aspects of life, in the FSP's order. */
    public static final List<TaxonomyTerm> ASPECT_TERMS = terms(ASPECTS_OF_LIFE);

    /** City localities; a service with no locality term serves the whole city. */
    public static final List<TaxonomyTerm> LOCALITY_TERMS = terms(LOCALITY);

    public static final List<TaxonomyTerm> AUDIENCE_TERMS = terms(AUDIENCE);

    public static final List<Taxonomy> TAXONOMIES = entries().stream()
            .map(t -> Taxonomy.newBuilder()
                    .setId(taxonomyId(t.get("slug").getAsString()))
                    .setName(t.get("name").getAsString())
                    .setDescription(t.get("description").getAsString())
                    .setVersion("1")
                    .build())
            .toList();

    private static final Map<String, TaxonomyTerm> TERMS_BY_ID = java.util.stream.Stream.of(
                    ASPECT_TERMS, LOCALITY_TERMS, AUDIENCE_TERMS)
            .flatMap(List::stream)
            .collect(Collectors.toUnmodifiableMap(TaxonomyTerm::getId, Function.identity()));

    private Taxonomies() {}

    public static List<TaxonomyTerm> allTerms() {
        return List.copyOf(TERMS_BY_ID.values());
    }

    public static Optional<TaxonomyTerm> term(String id) {
        return Optional.ofNullable(TERMS_BY_ID.get(id));
    }

    /** The term of {@code taxonomySlug} with slug {@code termSlug}. */
    public static Optional<TaxonomyTerm> termBySlug(String taxonomySlug, String termSlug) {
        return Optional.ofNullable(TERMS_BY_ID.get(termId(taxonomySlug, termSlug)));
    }

    public static String taxonomyId(String slug) {
        return Ids.stable("taxonomy:" + slug);
    }

    public static String termId(String taxonomySlug, String termSlug) {
        return Ids.stable("taxonomy_term:" + taxonomySlug + ":" + termSlug);
    }

    private static List<JsonObject> entries() {
        return FILE.getAsJsonArray("taxonomies").asList().stream()
                .map(JsonElement::getAsJsonObject)
                .toList();
    }

    /** The terms of taxonomy {@code slug}, in the file's order. */
    private static List<TaxonomyTerm> terms(String slug) {
        JsonObject taxonomy = entries().stream()
                .filter(t -> t.get("slug").getAsString().equals(slug))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("taxonomies.json has no " + slug));
        List<String[]> rows = taxonomy.get("terms").isJsonPrimitive()
                ? AspectsOfLife.ALL.stream()
                        .map(a -> new String[] {a.slug(), a.name(), a.description()})
                        .toList()
                : taxonomy.getAsJsonArray("terms").asList().stream()
                        .map(JsonElement::getAsJsonObject)
                        .map(t -> new String[] {
                            t.get("term").getAsString(),
                            t.get("name").getAsString(),
                            t.get("description").getAsString()
                        })
                        .toList();
        String taxonomyName = taxonomy.get("name").getAsString();
        return rows.stream()
                .map(row -> TaxonomyTerm.newBuilder()
                        .setId(termId(slug, row[0]))
                        .setTerm(row[0])
                        .setName(row[1])
                        .setDescription(row[2])
                        .setTaxonomy(taxonomyName)
                        .setTaxonomyId(taxonomyId(slug))
                        .build())
                .toList();
    }
}
