package uk.portsmouth.cfe.directory.domain;

import java.text.Normalizer;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

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

    private static final Pattern MARKS = Pattern.compile("\\p{M}");
    private static final Pattern NOT_A_WORD = Pattern.compile("[^a-z0-9+]+");

    /** The distinct searchable words of {@code text}: lower case, accents removed, no stop words. */
    public static List<String> words(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        // most searches are plain ASCII, which has no accents to take off
        String unaccented = isAscii(text)
                ? text
                : MARKS.matcher(Normalizer.normalize(text, Normalizer.Form.NFD)).replaceAll("");
        Set<String> words = new LinkedHashSet<>();
        for (String word : NOT_A_WORD.split(unaccented.toLowerCase(Locale.ROOT))) {
            if (word.length() > 1 && !STOP_WORDS.contains(word)) {
                words.add(word);
            }
        }
        return List.copyOf(words);
    }

    private static boolean isAscii(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) > 0x7F) {
                return false;
            }
        }
        return true;
    }

    /** The key services are listed by when no text is searched. */
    public static String sortKey(String name) {
        return name.strip().toLowerCase(Locale.ROOT);
    }
}
