package uk.portsmouth.cfe.directory.store;

import java.io.IOException;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.StringHelper;

/** The words of an index's field that begin with the same bytes, read segment by segment. */
final class FieldWords {

    /** Told each word read (a word in several segments more than once); its bytes are reused after. */
    @FunctionalInterface
    interface Reader {
        void read(BytesRef word) throws IOException;
    }

    private FieldWords() {}

    /**
     * Gives {@code reader} every word of {@code field} that begins with {@code start}, in each
     * segment; false, having stopped, once more than {@code most} were read.
     */
    static boolean startingWith(IndexReader index, String field, BytesRef start, int most, Reader reader)
            throws IOException {
        int read = 0;
        for (LeafReaderContext leaf : index.leaves()) {
            Terms terms = leaf.reader().terms(field);
            if (terms == null) {
                continue;
            }
            TermsEnum words = terms.iterator();
            if (words.seekCeil(start) == TermsEnum.SeekStatus.END) {
                continue;
            }
            for (BytesRef word = words.term();
                    word != null && StringHelper.startsWith(word, start);
                    word = words.next()) {
                if (++read > most) {
                    return false;
                }
                reader.read(word);
            }
        }
        return true;
    }
}
