package uk.portsmouth.cfe.directory.domain;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import uk.portsmouth.cfe.platform.reference.AspectsOfLife;
import uk.portsmouth.cfe.proto.directory.v1.Taxonomy;
import uk.portsmouth.cfe.proto.directory.v1.TaxonomyTerm;

/**
 * The directory's three taxonomies and their terms. Ids are UUIDs derived from stable slugs, so
 * they never change between installs and every service can refer to "getting-a-good-education".
 */
public final class Taxonomies {

    public static final String ASPECTS_OF_LIFE = "aspects-of-life";
    public static final String LOCALITY = "locality";
    public static final String AUDIENCE = "audience";

    /** The Family Support Plan's 10 aspects of life, in the FSP's order. */
    public static final List<TaxonomyTerm> ASPECT_TERMS = terms(
            ASPECTS_OF_LIFE,
            "Aspects of life",
            AspectsOfLife.ALL.stream()
                    .map(a -> new String[] {a.slug(), a.name(), a.description()})
                    .toList());

    /** City localities; a service with no locality term serves the whole city. */
    public static final List<TaxonomyTerm> LOCALITY_TERMS = terms(
            LOCALITY,
            "City locality",
            List.of(
                    new String[] {"north", "North", "The north of the city (Cosham, Paulsgrove, Hilsea, Drayton)."},
                    new String[] {
                        "central", "Central", "The centre of the city (Buckland, Fratton, Somerstown, Landport)."
                    },
                    new String[] {"south", "South", "The south of the city (Southsea, Milton, Eastney, Old Portsmouth)."
                    }));

    public static final List<TaxonomyTerm> AUDIENCE_TERMS = terms(
            AUDIENCE,
            "Audience",
            List.of(
                    new String[] {
                        "children-and-young-people",
                        "Children and young people",
                        "For children and young people themselves."
                    },
                    new String[] {"parents-and-carers", "Parents and carers", "For parents, carers and families."},
                    new String[] {
                        "professionals", "Professionals", "For professionals working with children and families."
                    },
                    new String[] {"age-0-19", "0-19", "Children and young people from birth to 19."},
                    new String[] {"send-0-25", "SEND 0-25", "Young people with SEND up to 25."}));

    public static final List<Taxonomy> TAXONOMIES = List.of(
            taxonomy(
                    ASPECTS_OF_LIFE,
                    "Aspects of life",
                    "The 10 aspects of life discussed in a Portsmouth Family Support Plan."),
            taxonomy(LOCALITY, "City locality", "The three localities of Portsmouth."),
            taxonomy(AUDIENCE, "Audience", "Who a service is for."));

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

    private static Taxonomy taxonomy(String slug, String name, String description) {
        return Taxonomy.newBuilder()
                .setId(taxonomyId(slug))
                .setName(name)
                .setDescription(description)
                .setVersion("1")
                .build();
    }

    private static List<TaxonomyTerm> terms(String taxonomySlug, String taxonomyName, List<String[]> rows) {
        return rows.stream()
                .map(row -> TaxonomyTerm.newBuilder()
                        .setId(termId(taxonomySlug, row[0]))
                        .setTerm(row[0])
                        .setName(row[1])
                        .setDescription(row[2])
                        .setTaxonomy(taxonomyName)
                        .setTaxonomyId(taxonomyId(taxonomySlug))
                        .build())
                .toList();
    }
}
