package uk.portsmouth.cfe.directory.store;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.instanceOf;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MultiTermQuery;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The words a start begins, as {@link WordStarts} lists them, are what Lucene's own {@link
 * PrefixQuery} rewrites to (the oracle): every start of every word of a vocabulary spread over
 * several segments, words of other alphabets, and a start beginning more words than a query holds.
 */
class WordStartsTest {

    private static final String FIELD = "all_text";
    private static final MultiTermQuery.RewriteMethod LISTED = MultiTermQuery.CONSTANT_SCORE_BOOLEAN_REWRITE;

    private static WordsIndex index;
    private static DirectoryReader reader;
    private static IndexSearcher searcher;
    private static final TreeSet<String> vocabulary = new TreeSet<>();

    @BeforeAll
    static void index() throws IOException {
        Random random = new Random(28);
        vocabulary.addAll(List.of(
                "counselling",
                "council",
                "counsellor",
                "parent",
                "parenting",
                "school",
                "schools",
                "café",
                "cafés",
                "straße",
                "日本語",
                "日本"));
        for (int i = 0; i < 300; i++) {
            StringBuilder word = new StringBuilder();
            for (int letter = 0; letter < 3 + random.nextInt(6); letter++) {
                word.append((char) ('a' + random.nextInt(4)));
            }
            vocabulary.add(word.toString());
        }
        for (int i = 0; i < 1_100; i++) { // one start beginning more words than a query holds (1,024)
            vocabulary.add(String.format(java.util.Locale.ROOT, "zed%04d", i));
        }
        List<String> words = new ArrayList<>(vocabulary);
        List<List<String>> documents = new ArrayList<>();
        for (String word : words) {
            documents.add(List.of(word, words.get(random.nextInt(words.size()))));
        }
        index = new WordsIndex(FIELD, documents, 101); // several segments: a word in more than one is listed once
        reader = index.reader;
        searcher = index.searcher;
    }

    @AfterAll
    static void close() throws IOException {
        index.close();
    }

    @Test
    void listsWhatPrefixQueryRewritesTo() throws IOException {
        TreeSet<String> starts = new TreeSet<>(List.of("x", "qq", "zzz"));
        for (String word : vocabulary) {
            if (!word.startsWith("zed")) {
                for (int end = 1; end <= word.length(); end++) {
                    starts.add(word.substring(0, end));
                }
            }
        }
        for (String start : starts) {
            Query expected = searcher.rewrite(new PrefixQuery(new Term(FIELD, start), LISTED));
            Query actual = searcher.rewrite(WordStarts.of(reader, FIELD, start, LISTED));
            assertThat(start, actual, is(expected));
            assertThat(start, index.scores(actual), is(index.scores(expected)));
        }
        assertThat("starts: " + starts.size(), starts.size() > 500, is(true));
    }

    @Test
    void aStartBeginningMoreWordsThanAQueryHoldsIsRefusedAsPrefixQueryRefusesIt() throws IOException {
        assertThrows(
                IndexSearcher.TooManyClauses.class,
                () -> searcher.rewrite(new PrefixQuery(new Term(FIELD, "zed"), LISTED)));
        assertThrows(IndexSearcher.TooManyClauses.class, () -> WordStarts.of(reader, FIELD, "zed", LISTED));
        assertThat(
                searcher.rewrite(WordStarts.of(reader, FIELD, "zed1", LISTED)),
                is(searcher.rewrite(new PrefixQuery(new Term(FIELD, "zed1"), LISTED))));
    }

    @Test
    void anyOtherRewriteIsLeftToPrefixQuery() throws IOException {
        Query blended = WordStarts.of(reader, FIELD, "zed", MultiTermQuery.CONSTANT_SCORE_BLENDED_REWRITE);

        assertThat(blended, instanceOf(PrefixQuery.class));
        assertThat(searcher.count(blended), is(searcher.count(new PrefixQuery(new Term(FIELD, "zed")))));
    }
}
