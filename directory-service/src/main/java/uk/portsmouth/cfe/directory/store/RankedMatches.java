package uk.portsmouth.cfe.directory.store;

import java.io.IOException;
import java.util.Arrays;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.search.BulkScorer;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.LeafCollector;
import org.apache.lucene.search.Scorable;
import org.apache.lucene.search.ScorerSupplier;
import org.apache.lucene.search.Weight;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.LongHeap;
import org.apache.lucene.util.NumericUtils;

/**
 * Every match of a search, and the first of them in the directory's order: by score (best first)
 * when words are searched, then by name, then by id.
 *
 * <p>Why not Lucene's sorted collector: it compared the name and id as strings, looking each
 * competitive match's name up in the compressed doc-values dictionary (a block decompressed at
 * every look-up), and the search rewrote and weighed its query afresh each time; together about a
 * third of a signed-in search's time in the directory-service (#28). Here the name order is read
 * once a reader ({@link #nameOrder}), a query's {@link Weight} is kept by the caller, and the order
 * of two matches is one comparison of two numbers.
 */
final class RankedMatches {

    private final int[] docs;
    private final float[] scores;
    private final int count;

    private RankedMatches(int[] docs, float[] scores, int count) {
        this.docs = docs;
        this.scores = scores;
        this.count = count;
    }

    /**
     * Every document's place in the order by name, then id, for one reader: {@code placeOf[doc]} and
     * its inverse {@code docAt[place]}. Deleted documents take a place too (no search finds them).
     */
    record NameOrder(int[] placeOf, int[] docAt) {}

    /**
     * The order by {@code nameField}, then {@code idField} (both sorted doc values, compared as
     * bytes, as Lucene's sort compared them).
     */
    static NameOrder nameOrder(IndexReader reader, String nameField, String idField) throws IOException {
        int maxDoc = reader.maxDoc();
        BytesRef[] names = new BytesRef[maxDoc];
        BytesRef[] ids = new BytesRef[maxDoc];
        for (LeafReaderContext leaf : reader.leaves()) {
            SortedDocValues leafNames = DocValues.getSorted(leaf.reader(), nameField);
            SortedDocValues leafIds = DocValues.getSorted(leaf.reader(), idField);
            for (int doc = 0; doc < leaf.reader().maxDoc(); doc++) {
                names[leaf.docBase + doc] = valueOf(leafNames, doc);
                ids[leaf.docBase + doc] = valueOf(leafIds, doc);
            }
        }
        Integer[] byOrder = new Integer[maxDoc];
        Arrays.setAll(byOrder, doc -> doc);
        Arrays.sort(byOrder, (a, b) -> {
            int byName = names[a].compareTo(names[b]);
            return byName != 0 ? byName : ids[a].compareTo(ids[b]);
        });
        int[] placeOf = new int[maxDoc];
        int[] docAt = new int[maxDoc];
        for (int place = 0; place < maxDoc; place++) {
            placeOf[byOrder[place]] = place;
            docAt[place] = byOrder[place];
        }
        return new NameOrder(placeOf, docAt);
    }

    private static BytesRef valueOf(SortedDocValues values, int doc) throws IOException {
        // a document with no value sorts first, as Lucene's string sort put it
        return values.advanceExact(doc) ? BytesRef.deepCopyOf(values.lookupOrd(values.ordValue())) : new BytesRef();
    }

    /** Every live document {@code weight} matches in {@code reader}, with its score when {@code scoring}. */
    static RankedMatches collect(IndexReader reader, Weight weight, boolean scoring) throws IOException {
        Collecting collecting = new Collecting(scoring);
        for (LeafReaderContext leaf : reader.leaves()) {
            ScorerSupplier supplier = weight.scorerSupplier(leaf);
            if (supplier == null) {
                continue; // nothing in this segment matches
            }
            collecting.docBase = leaf.docBase;
            BulkScorer scorer = supplier.bulkScorer();
            scorer.score(collecting, leaf.reader().getLiveDocs(), 0, DocIdSetIterator.NO_MORE_DOCS);
        }
        // kept by the caller while its reader is current: no room to spare
        return new RankedMatches(
                Arrays.copyOf(collecting.docs, collecting.count),
                Arrays.copyOf(collecting.scores, collecting.count),
                collecting.count);
    }

    /** The best score of all matches (0 when none, or not scored). */
    float bestScore() {
        float best = 0;
        for (int i = 0; i < count; i++) {
            best = Math.max(best, scores[i]);
        }
        return best;
    }

    /** How many matches score at least {@code floor}. */
    int countAtLeast(float floor) {
        int atLeast = 0;
        for (int i = 0; i < count; i++) {
            atLeast += scores[i] >= floor ? 1 : 0;
        }
        return atLeast;
    }

    /**
     * The document ids of the first {@code howMany} matches scoring at least {@code floor}, in
     * order: by score, best first, when {@code byScore}; then by name and id.
     */
    int[] first(int howMany, float floor, boolean byScore, NameOrder order) {
        if (howMany <= 0) {
            return new int[0];
        }
        // one number a match, smallest first: the score's complement above its place in name order
        LongHeap largestNegated = new LongHeap(Math.max(1, Math.min(howMany, count)));
        int kept = 0;
        for (int i = 0; i < count; i++) {
            if (scores[i] < floor) {
                continue;
            }
            long scorePart = byScore ? Integer.MAX_VALUE - (long) NumericUtils.floatToSortableInt(scores[i]) : 0;
            long key = scorePart << 32 | order.placeOf()[docs[i]];
            if (kept < howMany) {
                largestNegated.push(-key);
                kept++;
            } else if (-key > largestNegated.top()) {
                largestNegated.updateTop(-key);
            }
        }
        long[] keys = new long[kept];
        for (int i = kept - 1; i >= 0; i--) {
            keys[i] = -largestNegated.pop(); // the worst kept comes out first
        }
        int[] first = new int[kept];
        for (int i = 0; i < kept; i++) {
            first[i] = order.docAt()[(int) keys[i]];
        }
        return first;
    }

    /** Collects one segment after another into growing arrays (a few KB at a national directory's size). */
    private static final class Collecting implements LeafCollector {
        private final boolean scoring;
        private Scorable scorer;
        private int docBase;
        private int[] docs = new int[64];
        private float[] scores = new float[64];
        private int count;

        Collecting(boolean scoring) {
            this.scoring = scoring;
        }

        @Override
        public void setScorer(Scorable scorer) {
            this.scorer = scorer;
        }

        @Override
        public void collect(int doc) throws IOException {
            if (count == docs.length) {
                docs = Arrays.copyOf(docs, count * 2);
                scores = Arrays.copyOf(scores, count * 2);
            }
            docs[count] = docBase + doc;
            scores[count] = scoring ? scorer.score() : 0f;
            count++;
        }
    }
}
