package uk.portsmouth.cfe.directory.domain;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Words that mean the same to the people searching the directory ({@code search-synonyms.txt}: the
 * glossary's acronyms and the everyday words for a need), so "domestic violence" finds the domestic
 * abuse service and "CAMHS" the child and adolescent mental health service.
 */
public final class SearchVocabulary {

    private static final String RESOURCE = "search-synonyms.txt";
    private static final int LONGEST_PHRASE = 6;

    /** Each phrase (its search words, space-separated) -> the other phrases that mean the same. */
    private final Map<String, Set<String>> alternatives;

    private SearchVocabulary(Map<String, Set<String>> alternatives) {
        this.alternatives = alternatives;
    }

    public static SearchVocabulary load() {
        try (InputStream in = SearchVocabulary.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the classpath");
            }
            return of(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))
                    .lines()
                    .toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** From lines of comma-separated equivalents; {@code #} starts a comment. */
    public static SearchVocabulary of(List<String> lines) {
        Map<String, Set<String>> alternatives = new HashMap<>();
        for (String line : lines) {
            String content = line.replaceAll("#.*", "").strip();
            if (content.isEmpty()) {
                continue;
            }
            List<String> group = new ArrayList<>();
            for (String phrase : content.split(",")) {
                String words = String.join(" ", SearchText.words(phrase));
                if (!words.isEmpty()) {
                    group.add(words);
                }
            }
            for (String phrase : group) {
                Set<String> others = alternatives.computeIfAbsent(phrase, p -> new LinkedHashSet<>());
                group.stream().filter(other -> !other.equals(phrase)).forEach(others::add);
            }
        }
        return new SearchVocabulary(alternatives);
    }

    /**
     * The phrases that mean the same as some run of {@code queryWords} (each as its list of words),
     * none of them a run the query already has.
     */
    public List<List<String>> alternativesOf(List<String> queryWords) {
        String query = " " + String.join(" ", queryWords) + " ";
        Set<String> found = new LinkedHashSet<>();
        for (int from = 0; from < queryWords.size(); from++) {
            for (int to = from + 1; to <= Math.min(queryWords.size(), from + LONGEST_PHRASE); to++) {
                Set<String> others = alternatives.get(String.join(" ", queryWords.subList(from, to)));
                if (others != null) {
                    others.stream()
                            .filter(other -> !query.contains(" " + other + " "))
                            .forEach(found::add);
                }
            }
        }
        return found.stream().map(phrase -> List.of(phrase.split(" "))).toList();
    }
}
