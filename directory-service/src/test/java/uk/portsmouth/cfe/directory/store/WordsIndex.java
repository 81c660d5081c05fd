package uk.portsmouth.cfe.directory.store;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.store.ByteBuffersDirectory;

/**
 * A Lucene index of documents that are lists of words in one field (each word a term as it is), in
 * several segments: for tests that hold the directory's own queries to the Lucene queries they
 * replace, the oracle.
 */
final class WordsIndex implements AutoCloseable {

    private final ByteBuffersDirectory directory;
    final DirectoryReader reader;
    final IndexSearcher searcher;

    /** {@code documents} indexed in {@code field}, a segment ended after every {@code segment} of them. */
    WordsIndex(String field, List<List<String>> documents, int segment) throws IOException {
        directory = new ByteBuffersDirectory();
        try (IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig(new StandardAnalyzer()))) {
            for (int i = 0; i < documents.size(); i++) {
                Document document = new Document();
                documents.get(i).forEach(word -> document.add(new StringField(field, word, Field.Store.NO)));
                writer.addDocument(document);
                if (i % segment == 0) {
                    writer.commit();
                }
            }
        }
        reader = DirectoryReader.open(directory);
        searcher = new IndexSearcher(reader);
    }

    /** Every document {@code query} finds, with its score, in document order: equal for equal answers. */
    List<String> scores(Query query) throws IOException {
        List<String> scores = new ArrayList<>();
        for (ScoreDoc hit : searcher.search(query, Math.max(1, reader.maxDoc())).scoreDocs) {
            scores.add(hit.doc + ":" + hit.score);
        }
        scores.sort(null);
        return scores;
    }

    @Override
    public void close() throws IOException {
        reader.close();
        directory.close();
    }
}
