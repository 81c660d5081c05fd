package uk.portsmouth.cfe.directory.store;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.instanceOf;
import static org.hamcrest.Matchers.is;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BlendedTermQuery;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.FuzzyQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The words {@link Typos} finds, and how it weighs them, are what Lucene's own {@link FuzzyQuery}
 * finds and weighs (the oracle): over a vocabulary of real and mistyped words, words of other
 * alphabets, several segments, and more than 50 candidates for one word, the two rewritten queries
 * are equal and score every document the same.
 */
class TyposTest {

    private static final String FIELD = "all_text";
    private static final String[] REAL = {
        "counselling",
        "council",
        "counsellor",
        "parenting",
        "parent",
        "school",
        "schools",
        "scholar",
        "health",
        "healthy",
        "youth",
        "young",
        "family",
        "families",
        "fostering",
        "foster",
        "carer",
        "carers",
        "café",
        "naïve",
        "straße",
        "日本語",
        "日本",
        "ab",
        "ba",
        "abc",
        "acb",
        "cab",
        "cba",
        "bca"
    };

    private static WordsIndex index;
    private static DirectoryReader reader;
    private static IndexSearcher searcher;
    private static final List<String> vocabulary = new ArrayList<>();

    @BeforeAll
    static void index() throws IOException {
        Random random = new Random(28);
        vocabulary.addAll(Arrays.asList(REAL));
        for (String word : REAL) {
            for (int i = 0; i < 4; i++) {
                vocabulary.add(mistyped(word, random));
            }
        }
        for (int i = 0; i < 120; i++) { // one letter beginning more close words than FuzzyQuery keeps (50)
            vocabulary.add("sch" + (char) ('a' + random.nextInt(26)) + "o" + (char) ('a' + random.nextInt(26)) + "l");
        }
        List<List<String>> documents = new ArrayList<>();
        for (String word : vocabulary) {
            List<String> words = new ArrayList<>(List.of(word));
            for (int w = 0; w < 1 + random.nextInt(4); w++) {
                words.add(vocabulary.get(random.nextInt(vocabulary.size())));
            }
            documents.add(words);
        }
        index = new WordsIndex(FIELD, documents, 97); // several segments: a word's documents counted across them
        reader = index.reader;
        searcher = index.searcher;
    }

    @AfterAll
    static void close() throws IOException {
        index.close();
    }

    @Test
    void findsAndWeighsWhatFuzzyQueryFindsAndWeighs() throws IOException {
        Random random = new Random(6);
        List<String> asked = new ArrayList<>(vocabulary);
        for (int i = 0; i < 600; i++) {
            asked.add(mistyped(vocabulary.get(random.nextInt(vocabulary.size())), random));
            asked.add(mistyped(mistyped(vocabulary.get(random.nextInt(vocabulary.size())), random), random));
        }
        asked.addAll(List.of(
                "schoool", "sxhool", "counselilng", "123456", "s", "x", "zzzzzz", "日本人", "cafe", "cbca", "c", "日"));
        int found = 0;
        for (String word : asked) {
            for (int maxEdits = 1; maxEdits <= 2; maxEdits++) {
                Query expected = searcher.rewrite(new FuzzyQuery(new Term(FIELD, word), maxEdits, 1));
                Query typos = Typos.of(reader, FIELD, word, maxEdits);
                if (typos == null) {
                    assertThat(word + " (" + maxEdits + ")", searcher.count(expected), is(0));
                    continue;
                }
                found++;
                Query actual = searcher.rewrite(typos);
                assertThat(word + " (" + maxEdits + ")", actual, is(expected));
                assertThat(word + " (" + maxEdits + ")", index.scores(actual), is(index.scores(expected)));
            }
        }
        assertThat("most words asked have close words", found > asked.size(), is(true));
    }

    @Test
    void oneLetterBeginningTooManyWordsIsLeftToTheAutomatonWhichFindsTheSame() throws IOException {
        Query read = Typos.of(reader, FIELD, "schoool", 2);
        Query left = Typos.of(reader, FIELD, "schoool", 2, 10);
        assertThat(read, instanceOf(BlendedTermQuery.class));
        assertThat(left, instanceOf(FuzzyQuery.class));
        assertThat(searcher.rewrite(left), is(searcher.rewrite(read)));
        assertThat(((BooleanQuery) searcher.rewrite(read)).clauses().size(), is(50)); // FuzzyQuery's 50 closest
    }

    @ParameterizedTest(name = "{0} to {1}: {2} edits")
    @CsvSource({
        "counseling, counselling, 1", // a letter left out
        "counsellling, counselling, 1", // one too many
        "cuonselling, counselling, 1", // two neighbours swapped
        "cuonslelign, counselling, 4", // over the limit: any number over it
        "schol, school, 1",
        "shcool, school, 1",
        "scohol, school, 1",
        "sochol, school, 2",
        "cab, cba, 1",
        "cab, cbca, 3", // a swap, then a letter between the two swapped: three, as FuzzyQuery counts
        "fostreing, fostering, 1",
        "fsotering, fostering, 1",
        "carer, carers, 1",
        "carer, carer, 0"
    })
    void countsEditsAfterTheFirstLetterAsFuzzyQueryDoes(String typed, String word, int edits) {
        int[] candidate = word.codePoints().toArray();
        int limit = 2;
        int counted = Typos.edits(typed.codePoints().toArray(), candidate, candidate.length, limit);
        assertThat(Math.min(counted, limit + 1), is(Math.min(edits, limit + 1)));
    }

    /** {@code word} with one random edit after its first letter: dropped, added, changed or two swapped. */
    private static String mistyped(String word, Random random) {
        int[] points = word.codePoints().toArray();
        if (points.length < 2) {
            return word + "e";
        }
        List<Integer> edited = new ArrayList<>();
        for (int p : points) {
            edited.add(p);
        }
        int at = 1 + random.nextInt(points.length - 1);
        int letter = random.nextInt(10) == 0 ? 'ß' : 'a' + random.nextInt(26);
        switch (random.nextInt(4)) {
            case 0 -> edited.remove(at);
            case 1 -> edited.add(at, letter);
            case 2 -> edited.set(at, letter);
            default -> {
                if (at + 1 < edited.size()) {
                    edited.set(at, points[at + 1]);
                    edited.set(at + 1, points[at]);
                }
            }
        }
        return edited.stream()
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
                .toString();
    }
}
