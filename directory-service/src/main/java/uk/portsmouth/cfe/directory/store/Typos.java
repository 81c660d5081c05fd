package uk.portsmouth.cfe.directory.store;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BlendedTermQuery;
import org.apache.lucene.search.FuzzyQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.UnicodeUtil;

/**
 * The words of a field within a typo or two of a word, as Lucene's {@link FuzzyQuery} (its first
 * letter as typed, transpositions one edit, the 50 closest) finds them and weighs them, found by
 * reading the field's words that begin with that letter and measuring each. FuzzyQuery builds a
 * Levenshtein automaton for every word asked (and one for each number of edits): over a directory's
 * vocabulary that was half the cost of a search with a word never searched before, against a few
 * microseconds to read the words of one letter. When one letter begins more words than {@link
 * #WORDS_READ_AT_MOST}, FuzzyQuery's automaton (which skips through the dictionary) is used.
 */
final class Typos {

    /** FuzzyQuery's defaults: the first letter as typed, the 50 closest words. */
    private static final int PREFIX_LENGTH = 1;

    private static final int EXPANSIONS = FuzzyQuery.defaultMaxExpansions;

    /** Words of one letter read at most before the automaton is the cheaper way. */
    static final int WORDS_READ_AT_MOST = 20_000;

    private Typos() {}

    /**
     * The words of {@code field} within {@code maxEdits} (1 or 2) of {@code word}, each weighed as
     * FuzzyQuery weighs it (1 - edits / the shorter length), blended as FuzzyQuery blends them; null
     * when no word is that close.
     */
    static Query of(IndexReader reader, String field, String word, int maxEdits) throws IOException {
        return of(reader, field, word, maxEdits, WORDS_READ_AT_MOST);
    }

    /** As {@link #of(IndexReader, String, String, int)}, FuzzyQuery once one letter begins more than {@code wordsReadAtMost}. */
    static Query of(IndexReader reader, String field, String word, int maxEdits, int wordsReadAtMost)
            throws IOException {
        int[] typed = word.codePoints().toArray();
        if (typed.length == 0) {
            return null;
        }
        BytesRef start = new BytesRef(new String(typed, 0, PREFIX_LENGTH));
        Map<BytesRef, Float> close = new HashMap<>();
        boolean read = FieldWords.startingWith(reader, field, start, wordsReadAtMost, term -> {
            int[] candidate = new int[term.length]; // at most a code point a byte
            int length = UnicodeUtil.UTF8toUTF32(term, candidate);
            int edits = edits(typed, candidate, length, maxEdits);
            if (edits <= maxEdits && !close.containsKey(term)) {
                float boost = edits == 0 ? 1f : 1f - (float) edits / Math.min(length, typed.length);
                close.put(BytesRef.deepCopyOf(term), boost);
            }
        });
        if (!read) {
            return new FuzzyQuery(new Term(field, word), maxEdits, PREFIX_LENGTH);
        }
        return close.isEmpty() ? null : blended(field, close);
    }

    /** The closest {@link #EXPANSIONS} (ties: the first in term order), blended in term order. */
    private static Query blended(String field, Map<BytesRef, Float> close) {
        Comparator<Map.Entry<BytesRef, Float>> worstFirst = Map.Entry.<BytesRef, Float>comparingByValue()
                .thenComparing(Map.Entry.<BytesRef, Float>comparingByKey().reversed());
        PriorityQueue<Map.Entry<BytesRef, Float>> best = new PriorityQueue<>(worstFirst);
        int keep = Math.min(EXPANSIONS, IndexSearcher.getMaxClauseCount());
        for (Map.Entry<BytesRef, Float> entry : close.entrySet()) {
            best.offer(entry);
            if (best.size() > keep) {
                best.poll();
            }
        }
        List<Map.Entry<BytesRef, Float>> inTermOrder = new ArrayList<>(best);
        inTermOrder.sort(Map.Entry.comparingByKey());
        BlendedTermQuery.Builder blended = new BlendedTermQuery.Builder();
        blended.setRewriteMethod(BlendedTermQuery.BOOLEAN_REWRITE);
        inTermOrder.forEach(entry -> blended.add(new Term(field, entry.getKey()), Math.max(0f, entry.getValue())));
        return blended.build();
    }

    /**
     * The edits (insert, delete, substitute, swap two neighbours: the restricted Damerau-Levenshtein
     * distance FuzzyQuery's automata accept) between what follows the first letter of {@code typed}
     * and of {@code candidate}'s first {@code length} code points; any number over {@code maxEdits}
     * once it is certain to be over.
     */
    static int edits(int[] typed, int[] candidate, int length, int maxEdits) {
        int n = typed.length - PREFIX_LENGTH;
        int m = length - PREFIX_LENGTH;
        if (Math.abs(n - m) > maxEdits) {
            return maxEdits + 1;
        }
        int[] before = new int[m + 1];
        int[] previous = new int[m + 1];
        int[] current = new int[m + 1];
        for (int j = 0; j <= m; j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= n; i++) {
            current[0] = i;
            int smallest = i;
            int a = typed[PREFIX_LENGTH + i - 1];
            for (int j = 1; j <= m; j++) {
                int b = candidate[PREFIX_LENGTH + j - 1];
                int cost = a == b ? 0 : 1;
                int best = Math.min(Math.min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + cost);
                if (i > 1 && j > 1 && a == candidate[PREFIX_LENGTH + j - 2] && typed[PREFIX_LENGTH + i - 2] == b) {
                    best = Math.min(best, before[j - 2] + 1);
                }
                current[j] = best;
                smallest = Math.min(smallest, best);
            }
            if (smallest > maxEdits) {
                return maxEdits + 1;
            }
            int[] spare = before;
            before = previous;
            previous = current;
            current = spare;
        }
        return previous[m];
    }
}
