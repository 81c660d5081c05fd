package uk.portsmouth.cfe.directory.store;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.FieldDoc;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopFieldCollectorManager;
import org.apache.lucene.search.TopFieldDocs;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.util.BytesRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The directory's own ranking gives the order Lucene's sorted collector gave (score, then name,
 * then id, as bytes): the collector is the oracle, over random names with shared beginnings, equal
 * names, equal scores, updated (deleted) documents and several segments, at every page size.
 */
class RankedMatchesTest {

    private static final String[] WORDS = {"family", "support", "counselling", "youth", "parenting", "school", "health"
    };
    private static final String[] NAME_STARTS = {"Portsmouth ", "Portsmouth family ", "Family ", "", "A"};

    private static ByteBuffersDirectory directory;
    private static DirectoryReader reader;
    private static IndexSearcher searcher;

    @BeforeAll
    static void index() throws IOException {
        directory = new ByteBuffersDirectory();
        Random random = new Random(28);
        try (IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig(new StandardAnalyzer()))) {
            for (int i = 0; i < 600; i++) {
                writer.updateDocument(new Term("id", id(i)), document(i, random));
                if (i % 97 == 0) {
                    writer.commit(); // another segment
                }
                if (i % 5 == 0 && i > 0) {
                    int again = random.nextInt(i);
                    writer.updateDocument(new Term("id", id(again)), document(again, random)); // a deletion
                }
            }
            writer.commit();
        }
        reader = DirectoryReader.open(directory);
        searcher = new IndexSearcher(reader);
    }

    @AfterAll
    static void close() throws IOException {
        reader.close();
        directory.close();
    }

    private static String id(int i) {
        return "svc-" + (i * 7919 % 1000);
    }

    private static Document document(int i, Random random) {
        // few distinct names and short texts: many equal names and many equal scores
        String name = NAME_STARTS[random.nextInt(NAME_STARTS.length)] + WORDS[random.nextInt(3)];
        StringBuilder text = new StringBuilder();
        for (int w = 0; w < 1 + random.nextInt(3); w++) {
            text.append(WORDS[random.nextInt(WORDS.length)]).append(' ');
        }
        Document document = new Document();
        document.add(new StringField("id", id(i), Field.Store.YES));
        document.add(new SortedDocValuesField("id_sort", new BytesRef(id(i))));
        document.add(new SortedDocValuesField("name_sort", new BytesRef(name.toLowerCase())));
        document.add(new TextField("text", text.toString(), Field.Store.NO));
        document.add(new StringField("kind", i % 3 == 0 ? "a" : "b", Field.Store.NO));
        return document;
    }

    @Test
    void byScoreThenNameThenIdAsLuceneSortedThem() throws IOException {
        for (String word : WORDS) {
            BooleanQuery.Builder query = new BooleanQuery.Builder()
                    .add(new TermQuery(new Term("text", word)), Occur.SHOULD)
                    .add(new TermQuery(new Term("text", "family")), Occur.SHOULD);
            assertSameOrder(query.build(), true);
        }
    }

    @Test
    void byNameThenIdAsLuceneSortedThem() throws IOException {
        assertSameOrder(new MatchAllDocsQuery(), false);
        assertSameOrder(new TermQuery(new Term("kind", "a")), false);
    }

    @Test
    void nothingMatchedIsNothingFound() throws IOException {
        RankedMatches none = collect(new TermQuery(new Term("text", "absent")), true);
        assertThat(none.countAtLeast(0f), is(0));
        assertThat(none.first(10, 0f, true, order()).length, is(0));
    }

    private static void assertSameOrder(Query query, boolean scoring) throws IOException {
        Sort sort = scoring
                ? new Sort(SortField.FIELD_SCORE, new SortField("name_sort", SortField.Type.STRING), idSort())
                : new Sort(new SortField("name_sort", SortField.Type.STRING), idSort());
        TopFieldDocs oracle =
                searcher.search(query, new TopFieldCollectorManager(sort, reader.maxDoc(), null, Integer.MAX_VALUE));
        RankedMatches matches = collect(query, scoring);
        assertThat(matches.countAtLeast(0f), is((int) oracle.totalHits.value()));
        float floor = scoring ? matches.bestScore() * 0.5f : 0f;
        List<Integer> expected = new ArrayList<>();
        for (ScoreDoc hit : oracle.scoreDocs) {
            if (!scoring || (Float) ((FieldDoc) hit).fields[0] >= floor) {
                expected.add(hit.doc);
            }
        }
        assertThat(matches.countAtLeast(floor), is(expected.size()));
        for (int howMany : new int[] {1, 2, 5, 13, 50, expected.size(), expected.size() + 10}) {
            List<Integer> first = Arrays.stream(matches.first(howMany, floor, scoring, order()))
                    .boxed()
                    .toList();
            assertThat(query + " first " + howMany, first, is(expected.subList(0, Math.min(howMany, expected.size()))));
        }
    }

    private static SortField idSort() {
        return new SortField("id_sort", SortField.Type.STRING);
    }

    private static RankedMatches collect(Query query, boolean scoring) throws IOException {
        return RankedMatches.collect(
                reader,
                searcher.createWeight(
                        searcher.rewrite(query), scoring ? ScoreMode.COMPLETE : ScoreMode.COMPLETE_NO_SCORES, 1f),
                scoring);
    }

    private static RankedMatches.NameOrder order() throws IOException {
        return RankedMatches.nameOrder(reader, "name_sort", "id_sort");
    }
}
