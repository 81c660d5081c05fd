package uk.portsmouth.cfe.directory.domain;

import java.text.Normalizer;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The words of a search as people type it (lower case, accents and stop words removed) and the key
 * lists are sorted by. Services are searched by the index (store.ServiceSearchIndex); organisations
 * by their stored words.
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

    /** The key services are listed by when no text is searched. */
    public static String sortKey(String name) {
        return name.strip().toLowerCase(Locale.ROOT);
    }
}
