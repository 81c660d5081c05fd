package uk.portsmouth.cfe.directory.domain;

import java.text.Normalizer;
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
            "a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "in", "is", "it", "of", "on", "or", "the",
            "to", "with", "who", "what", "their", "your", "our", "can", "this", "that");

    private SearchText() {}

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

    /** A service's searchable words, by where they come from (stored with the service at write time). */
    public record IndexedWords(List<String> name, List<String> keywords, List<String> description) {

        /** Every word the service can be found by. */
        public List<String> all() {
            Set<String> all = new LinkedHashSet<>(name);
            all.addAll(keywords);
            all.addAll(description);
            return List.copyOf(all);
        }
    }

    /** The words of a service: its name, its keywords (its terms and organisation), its description. */
    public static IndexedWords index(Service service, String organizationName) {
        return new IndexedWords(
                words(service.getName()), words(keywords(service, organizationName)), words(service.getDescription()));
    }

    /** How well a service matches {@code query}: name hits weigh most, then keywords, then description. */
    public static int relevance(IndexedWords indexed, List<String> queryWords) {
        int score = 0;
        for (String queryWord : queryWords) {
            score += indexed.name().contains(queryWord) ? 10 : startsWithAny(indexed.name(), queryWord) ? 6 : 0;
            score += indexed.keywords().contains(queryWord) ? 4 : startsWithAny(indexed.keywords(), queryWord) ? 2 : 0;
            score += indexed.description().contains(queryWord)
                    ? 2
                    : startsWithAny(indexed.description(), queryWord) ? 1 : 0;
        }
        return score;
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
