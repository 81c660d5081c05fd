package uk.portsmouth.cfe.directory.domain;

import java.text.Normalizer;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import uk.portsmouth.cfe.proto.directory.v1.Attribute;
import uk.portsmouth.cfe.proto.directory.v1.Service;

/**
 * Free-text search that works the same on the embedded store and on real MongoDB (which has
 * {@code $text}; mongo-java-server does not): each service stores its words, a query matches
 * services holding a word starting with every query word, and relevance is scored here.
 */
public final class SearchText {

    private static final Set<String> STOP_WORDS = Set.of(
            "a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "in", "is", "it", "of", "on",
            "or", "the", "to", "with", "who", "what", "their", "your", "our", "can", "this", "that");

    private SearchText() {
    }

    /** The distinct searchable words of {@code text}: lower case, accents removed, no stop words. */
    public static List<String> words(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        String plain = Normalizer.normalize(text, Normalizer.Form.NFD)
                .replaceAll("\\p{M}", "")
                .toLowerCase(Locale.ROOT);
        Set<String> words = new LinkedHashSet<>();
        for (String word : plain.split("[^a-z0-9+]+")) {
            if (word.length() > 1 && !STOP_WORDS.contains(word)) {
                words.add(word);
            }
        }
        return List.copyOf(words);
    }

    /** Every word a service can be found by: name, description and keywords (its terms, its organisation). */
    public static List<String> indexWords(Service service, String organizationName) {
        Set<String> words = new LinkedHashSet<>(words(service.getName()));
        words.addAll(words(keywords(service, organizationName)));
        words.addAll(words(service.getDescription()));
        return List.copyOf(words);
    }

    /** How well {@code service} matches {@code query}: name hits weigh most, then keywords, then description. */
    public static int relevance(Service service, String organizationName, List<String> queryWords) {
        List<String> name = words(service.getName());
        List<String> keywords = words(keywords(service, organizationName));
        List<String> description = words(service.getDescription());
        int score = 0;
        for (String queryWord : queryWords) {
            score += name.contains(queryWord) ? 10 : startsWithAny(name, queryWord) ? 6 : 0;
            score += keywords.contains(queryWord) ? 4 : startsWithAny(keywords, queryWord) ? 2 : 0;
            score += description.contains(queryWord) ? 2 : startsWithAny(description, queryWord) ? 1 : 0;
        }
        return score;
    }

    /** Highest relevance first, then by name. */
    public static Comparator<Service> byRelevance(List<String> queryWords, java.util.function.Function<Service, String> organizationName) {
        return Comparator.<Service>comparingInt(s -> -relevance(s, organizationName.apply(s), queryWords))
                .thenComparing(s -> s.getName().toLowerCase(Locale.ROOT));
    }

    /** The key services are listed by when no text is searched. */
    public static String sortKey(String name) {
        return name.strip().toLowerCase(Locale.ROOT);
    }

    private static String keywords(Service service, String organizationName) {
        StringBuilder keywords = new StringBuilder(organizationName == null ? "" : organizationName);
        for (Attribute attribute : service.getAttributesList()) {
            keywords.append(' ').append(attribute.getTaxonomyTerm().getName());
        }
        return keywords.toString();
    }

    private static boolean startsWithAny(List<String> words, String prefix) {
        return words.stream().anyMatch(w -> w.startsWith(prefix));
    }
}
