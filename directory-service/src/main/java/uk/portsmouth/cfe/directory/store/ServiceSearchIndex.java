package uk.portsmouth.cfe.directory.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.IntPoint;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.TermStates;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.DisjunctionMaxQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.MultiTermQuery;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TermRangeQuery;
import org.apache.lucene.search.Weight;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.util.BytesRef;
import uk.portsmouth.cfe.directory.domain.SearchText;
import uk.portsmouth.cfe.directory.domain.SearchVocabulary;
import uk.portsmouth.cfe.directory.domain.ServiceQuery;
import uk.portsmouth.cfe.directory.domain.ServiceRules;
import uk.portsmouth.cfe.directory.domain.Taxonomies;
import uk.portsmouth.cfe.directory.domain.Timestamps;
import uk.portsmouth.cfe.platform.memory.BoundedCache;
import uk.portsmouth.cfe.platform.paging.Paging;
import uk.portsmouth.cfe.platform.proto.ClosedSets;
import uk.portsmouth.cfe.platform.proto.EncodedStrings;
import uk.portsmouth.cfe.proto.directory.v1.Attribute;
import uk.portsmouth.cfe.proto.directory.v1.Organization;
import uk.portsmouth.cfe.proto.directory.v1.Service;
import uk.portsmouth.cfe.proto.directory.v1.TaxonomyTerm;

/**
 * The directory's search engine (Apache Lucene, in memory): every service's name, keywords (its
 * taxonomy terms), organisation and description, analysed in English (stemmed: fostering ~ foster,
 * carers ~ carer), ranked by BM25 with the name weighing most, tolerant of typos in words of five
 * letters or more, matching the start of a word, and widened by the city's vocabulary
 * ({@link SearchVocabulary}: acronyms and everyday words). Words are "best matches first": a
 * service with more of them ranks higher, one with any of them is found. Every filter of a
 * directory search is applied here too, so the index answers every list of services.
 *
 * <p>Each service's record and its organisation are kept in the index too, so a search answers
 * without a round trip to the store. The store is the truth and the index follows it: built from the store at start-up, brought up
 * to date right after this instance writes, and every {@code refresh-interval} from whatever any
 * instance wrote ({@code _changed_at}, read with an overlap so a write committed a little after its
 * timestamp is not missed). Another instance's write is searchable here within the interval.
 */
public final class ServiceSearchIndex implements AutoCloseable {

    private static final Logger LOGGER = Logger.getLogger(ServiceSearchIndex.class.getName());

    private static final String ID = "id";
    private static final String RECORD = "record";
    private static final String OWNER = "owner";
    private static final String NAME = "name";
    private static final String KEYWORDS = "keywords";
    private static final String ORGANIZATION = "organization";
    private static final String DESCRIPTION = "description";
    /** Every searchable word of a service in one field: where prefixes and typos are looked up, once. */
    private static final String ALL_TEXT = "all_text";

    private static final String TERM_ID = "term_id";
    private static final String TAXONOMY_ID = "taxonomy_id";
    private static final String LOCALITY = "locality";
    private static final String ORGANIZATION_ID = "organization_id";
    private static final String STATUS = "status";
    private static final String MINIMUM_AGE = "minimum_age";
    private static final String MAXIMUM_AGE = "maximum_age";
    private static final String LAST_MODIFIED = "last_modified";
    private static final String POSTCODE = "postcode";
    private static final String HAS_LOCATION = "has_location";
    private static final String NAME_SORT = "name_sort";
    private static final String ID_SORT = "id_sort";
    /**
     * The relevance floor: matches scoring under this share of the best are about something else (a
     * word in passing in a description, where the best have it in their name or keywords), so a
     * one-word query returns the services about it, not most of the directory.
     */
    private static final float RELEVANCE_FLOOR = 0.08f;
    /** A phrase that means the same as the query's words counts a little more than one word of them. */
    private static final float ALTERNATIVE_WEIGHT = 1.5f;
    /** A service tagged with no locality serves the whole city. */
    private static final String WHOLE_CITY = "(whole city)";

    /** Field -> weight: a word in the name says most about a service, in its description least. */
    private static final List<Weighted> FIELDS = List.of(
            new Weighted(NAME, 4f),
            new Weighted(KEYWORDS, 2f),
            new Weighted(ORGANIZATION, 1.5f),
            new Weighted(DESCRIPTION, 1f));

    private record Weighted(String field, float weight) {}

    /** One page of matching service ids, best first, and how many match. */
    public record Hits(List<Found> found, int total) {}

    /**
     * A matching service as indexed, with its organisation (null when it has none the store knows),
     * and the service as a search answers with it: in full and as a list shows it ({@link
     * ServiceRules#listed}), each with its organisation, made once a reader and held encoded ({@link
     * EncodedStrings}): sent at every search that finds it, read by none.
     */
    public record Found(Service service, Organization organization, Service inFull, Service listed) {

        static Found of(Service service, Organization organization) {
            Service inFull = organization == null
                    ? service
                    : service.toBuilder().setOrganization(organization).build();
            return new Found(
                    service, organization, EncodedStrings.of(inFull), EncodedStrings.of(ServiceRules.listed(inFull)));
        }
    }

    private final ServiceStore store;
    private final OrganizationStore organizations;
    private final SearchVocabulary vocabulary;
    private final Duration overlap;
    private final Analyzer analyzer = new EnglishAnalyzer();
    private final IndexWriter writer;
    private final SearcherManager searchers;
    private final ScheduledExecutorService refresher;
    private String watermark;
    /** The version of each service as indexed. */
    private final java.util.Map<String, Long> indexedVersions = new java.util.HashMap<>();
    /** What is kept for the reader searched now (a new reader, after any write, starts afresh). */
    private volatile KeptForReader kept = new KeptForReader(null);

    /**
     * What depends only on one reader, so repeated searches do not make it again: each list of words'
     * query, rewritten, with every term's statistics looked up (the stems, the vocabulary's phrases,
     * the prefix and typo automata, and each term's weight inputs in every field); each set of
     * filters' weight and what it matched; the order of every document by name; and each found record
     * decoded from its stored bytes, with its answers ({@link Found}).
     */
    private static final class KeptForReader {
        private static final int MATCHES_KEPT = 256;
        private static final int WORDS_KEPT = 4_096;

        private final IndexReader reader;
        private final BoundedCache<List<String>, Query> byWords = new BoundedCache<>(2_000);
        /**
         * Each typed word's clauses and each vocabulary phrase's, rewritten with their terms'
         * statistics: a list of words searched for the first time makes only the words no earlier
         * search had (a front end's next word, a popular word with a new one).
         */
        private final BoundedCache<String, List<Query>> byWord = new BoundedCache<>(WORDS_KEPT);

        private final BoundedCache<List<String>, Query> byPhrase = new BoundedCache<>(WORDS_KEPT);
        private final BoundedCache<Matching, Weight> byFilters = new BoundedCache<>(2_000);
        /**
         * What each of the latest searches matched: a reader never changes, so the same query and
         * filters match the same documents with the same scores until the index moves on (at most
         * {@value #MATCHES_KEPT} searches: 8 bytes a match, 20 MB at worst over 10,000 services).
         */
        private final BoundedCache<Matching, RankedMatches> matches = new BoundedCache<>(MATCHES_KEPT);

        /** The answers made of the latest searches' pages ({@link #answer}). */
        private final BoundedCache<Answered, Object> answers = new BoundedCache<>(MATCHES_KEPT);

        private final BoundedCache<Integer, Found> byDoc;
        private RankedMatches.NameOrder nameOrder;

        KeptForReader(IndexReader reader) {
            // a query for each list of words and a weight for each set of filters searched (at most
            // 2,000 each); a record for every document
            this.reader = reader;
            this.byDoc = new BoundedCache<>(reader == null ? 0 : reader.maxDoc());
        }

        /** Read at the first search of this reader that needs it (every one, in practice). */
        synchronized RankedMatches.NameOrder nameOrder() throws IOException {
            if (nameOrder == null) {
                nameOrder = RankedMatches.nameOrder(reader, NAME_SORT, ID_SORT);
            }
            return nameOrder;
        }
    }

    /**
     * What a search matches, whatever page it asks for: its query's weight and what it matched are
     * kept by it (built afresh, rewriting the query was about a tenth of a signed-in search's cost in
     * the directory-service, and weighing it more).
     */
    private record Matching(ServiceQuery filters, String postcodePrefix, boolean located) {
        static Matching of(ServiceQuery query, String postcodePrefix, boolean located) {
            ServiceQuery anyPage = new ServiceQuery(
                    query.words(),
                    query.termIds(),
                    query.taxonomyId(),
                    query.age(),
                    query.minimumAgeAtLeast(),
                    query.maximumAgeAtMost(),
                    query.locality(),
                    query.organizationId(),
                    query.statuses(),
                    query.modifiedAfter(),
                    null);
            return new Matching(anyPage, postcodePrefix, located);
        }
    }

    /** A search, its page included, and which answer is made of it. */
    private record Answered(ServiceQuery query, Object shape) {}

    private KeptForReader keptFor(IndexReader reader) {
        KeptForReader now = kept;
        if (now.reader != reader) {
            now = new KeptForReader(reader);
            kept = now;
        }
        return now;
    }

    private ServiceSearchIndex(
            ServiceStore store,
            OrganizationStore organizations,
            SearchVocabulary vocabulary,
            Duration interval,
            Duration overlap) {
        this.store = store;
        this.organizations = organizations;
        this.vocabulary = vocabulary;
        this.overlap = overlap;
        try {
            this.writer = new IndexWriter(new ByteBuffersDirectory(), new IndexWriterConfig(analyzer));
            this.searchers = new SearcherManager(writer, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        catchUp();
        this.refresher = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().name("directory-search-refresh").factory());
        refresher.scheduleWithFixedDelay(
                this::catchUpQuietly, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * The index of every service in {@code store}, kept current every {@code interval} from what
     * changed (read back {@code overlap} before the last change it saw).
     */
    public static ServiceSearchIndex build(
            ServiceStore store,
            OrganizationStore organizations,
            SearchVocabulary vocabulary,
            Duration interval,
            Duration overlap) {
        return new ServiceSearchIndex(store, organizations, vocabulary, interval, overlap);
    }

    /** Indexes what changed in the store since the last look: after this instance writes, and on a timer. */
    public synchronized void catchUp() {
        String since = watermark == null
                ? null
                : Timestamps.format(Instant.parse(watermark).minus(overlap));
        List<ServiceStore.Indexable> changed = store.changedSince(since);
        Map<String, Organization> owners = organizations.findAll(changed.stream()
                .map(c -> c.service().getOrganizationId())
                .distinct()
                .toList());
        try {
            for (ServiceStore.Indexable service : changed) {
                // read again in the overlap and unchanged since indexed (the same version: two
                // changes in one millisecond share a moment): left as it is
                String id = service.service().getId();
                Long indexed = indexedVersions.put(id, service.version());
                if (indexed != null && indexed == service.version()) {
                    continue;
                }
                writer.updateDocument(
                        new Term(ID, id),
                        document(service, owners.get(service.service().getOrganizationId())));
                if (!service.changedAt().isEmpty()
                        && (watermark == null || service.changedAt().compareTo(watermark) > 0)) {
                    watermark = service.changedAt();
                }
            }
            if (watermark == null) {
                watermark = Timestamps.format(Instant.EPOCH);
            }
            writer.commit();
            searchers.maybeRefreshBlocking();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One page of the services matching {@code query}: by relevance when text is searched, else by name. */
    public Hits search(ServiceQuery query) {
        IndexSearcher searcher = acquire();
        try {
            return page(searcher, query);
        } finally {
            release(searcher);
        }
    }

    /**
     * What {@code answer} makes of {@link #search}'s page for {@code query}, made once while the
     * index does not move and the search is among the latest ({@code shape}: which of the answers
     * made from the same page, e.g. listed or in full): the same object answers the same search
     * again, so what is kept by object downstream (its encoded bytes) is found by identity.
     */
    @SuppressWarnings("unchecked")
    public <T> T answer(ServiceQuery query, Object shape, Function<Hits, T> answer) {
        IndexSearcher searcher = acquire();
        try {
            KeptForReader forReader = keptFor(searcher.getIndexReader());
            Answered key = new Answered(query, shape);
            Object kept = forReader.answers.get(key);
            if (kept == null) {
                kept = answer.apply(page(searcher, query));
                forReader.answers.put(key, kept);
            }
            return (T) kept;
        } finally {
            release(searcher);
        }
    }

    private Hits page(IndexSearcher searcher, ServiceQuery query) {
        Paging paging = query.paging();
        Hits upToPage = hits(searcher, query, null, false, (int)
                Math.min(Integer.MAX_VALUE, (long) paging.offset() + paging.size()));
        List<Found> found = upToPage.found();
        return new Hits(found.subList(Math.min(paging.offset(), found.size()), found.size()), upToPage.total());
    }

    /** Every service matching {@code query} that has a location (at {@code postcodePrefix}, if given), by name. */
    public List<Found> withLocations(ServiceQuery query, String postcodePrefix) {
        IndexSearcher searcher = acquire();
        try {
            return hits(searcher, query, postcodePrefix, true, Integer.MAX_VALUE)
                    .found();
        } finally {
            release(searcher);
        }
    }

    /**
     * The first {@code howMany} matches in order, and how many match in all: by relevance, those
     * scoring at least the floor under the best ({@link RankedMatches}, with the query's weight and
     * the name order kept for the reader).
     */
    private Hits hits(IndexSearcher searcher, ServiceQuery query, String postcodePrefix, boolean located, int howMany) {
        try {
            boolean byRelevance = !query.words().isEmpty() && !located;
            IndexReader reader = searcher.getIndexReader();
            KeptForReader forReader = keptFor(reader);
            RankedMatches matches = keptMatches(searcher, forReader, query, postcodePrefix, located, byRelevance);
            float floor = byRelevance ? matches.bestScore() * RELEVANCE_FLOOR : 0f;
            int[] first = matches.first(howMany, floor, byRelevance, forReader.nameOrder());
            int total = matches.countAtLeast(floor);
            List<Found> found = new ArrayList<>(first.length);
            var storedFields = searcher.storedFields();
            for (int doc : first) {
                Found record = forReader.byDoc.get(doc);
                if (record == null) {
                    Document stored = storedFields.document(doc);
                    BytesRef owner = stored.getBinaryValue(OWNER);
                    record = Found.of(
                            Service.parseFrom(stored.getBinaryValue(RECORD).bytes),
                            owner == null ? null : Organization.parseFrom(owner.bytes));
                    forReader.byDoc.put(doc, record);
                }
                found.add(record);
            }
            return new Hits(found, total);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // --- queries ----------------------------------------------------------------------------------

    private Query query(IndexReader reader, ServiceQuery query, String postcodePrefix, boolean located)
            throws IOException {
        BooleanQuery.Builder all = new BooleanQuery.Builder();
        all.add(query.words().isEmpty() ? new MatchAllDocsQuery() : keptText(reader, query.words()), Occur.MUST);
        query.termIds().forEach(id -> all.add(new TermQuery(new Term(TERM_ID, id)), Occur.FILTER));
        if (!query.taxonomyId().isEmpty()) {
            all.add(new TermQuery(new Term(TAXONOMY_ID, query.taxonomyId())), Occur.FILTER);
        }
        if (query.age() != null) {
            all.add(IntPoint.newRangeQuery(MINIMUM_AGE, Integer.MIN_VALUE, query.age()), Occur.FILTER);
            all.add(IntPoint.newRangeQuery(MAXIMUM_AGE, query.age(), Integer.MAX_VALUE), Occur.FILTER);
        }
        if (query.minimumAgeAtLeast() != null) {
            // a service that states no minimum age has none to compare: not found by this filter
            all.add(
                    IntPoint.newRangeQuery(MINIMUM_AGE, query.minimumAgeAtLeast(), Integer.MAX_VALUE - 1),
                    Occur.FILTER);
        }
        if (query.maximumAgeAtMost() != null) {
            all.add(IntPoint.newRangeQuery(MAXIMUM_AGE, Integer.MIN_VALUE + 1, query.maximumAgeAtMost()), Occur.FILTER);
        }
        if (!query.locality().isEmpty()) {
            all.add(anyOf(LOCALITY, List.of(query.locality(), WHOLE_CITY)), Occur.FILTER);
        }
        if (!query.organizationId().isEmpty()) {
            all.add(new TermQuery(new Term(ORGANIZATION_ID, query.organizationId())), Occur.FILTER);
        }
        if (!query.statuses().isEmpty()) {
            all.add(anyOf(STATUS, query.statuses()), Occur.FILTER);
        }
        if (query.modifiedAfter() != null) {
            all.add(
                    new TermRangeQuery(LAST_MODIFIED, new BytesRef(query.modifiedAfter()), null, false, true),
                    Occur.FILTER);
        }
        if (located) {
            all.add(new TermQuery(new Term(HAS_LOCATION, "yes")), Occur.FILTER);
        }
        if (postcodePrefix != null && !postcodePrefix.isBlank()) {
            all.add(new PrefixQuery(new Term(POSTCODE, postcodePrefix)), Occur.FILTER);
        }
        return all.build();
    }

    /**
     * What {@link #query} matches in {@code searcher}'s reader, collected once a reader and {@link
     * Matching} while it is among the latest searched: Lucene builds a scorer for every field, word
     * and segment at each search, which was a fifth of a signed-in search's cost over a small
     * directory; a search asked again (a front end's next page, a popular word) reads what it found.
     */
    private RankedMatches keptMatches(
            IndexSearcher searcher,
            KeptForReader forReader,
            ServiceQuery query,
            String postcodePrefix,
            boolean located,
            boolean scoring)
            throws IOException {
        Matching matching = Matching.of(query, postcodePrefix, located);
        RankedMatches kept = forReader.matches.get(matching);
        if (kept == null) {
            Weight weight = keptWeight(searcher, forReader, matching, query, postcodePrefix, located, scoring);
            kept = RankedMatches.collect(forReader.reader, weight, scoring);
            forReader.matches.put(matching, kept);
        }
        return kept;
    }

    /**
     * {@link #query}'s weight in {@code searcher}, made once a reader and {@link Matching}: rewriting
     * and weighing the query (every term's statistics, the prefix and typo automata) at every search
     * was most of a search's cost over a small directory.
     */
    private Weight keptWeight(
            IndexSearcher searcher,
            KeptForReader forReader,
            Matching matching,
            ServiceQuery query,
            String postcodePrefix,
            boolean located,
            boolean scoring)
            throws IOException {
        BoundedCache<Matching, Weight> byFilters = forReader.byFilters;
        Weight kept = byFilters.get(matching);
        if (kept == null) {
            Query rewritten = searcher.rewrite(query(forReader.reader, query, postcodePrefix, located));
            kept = searcher.createWeight(rewritten, scoring ? ScoreMode.COMPLETE : ScoreMode.COMPLETE_NO_SCORES, 1f);
            byFilters.put(matching, kept);
        }
        return kept;
    }

    /**
     * {@link #text}, rewritten for {@code reader} with its terms' statistics, built once a reader and
     * list of words, from each word's and phrase's part as kept ({@link #keptWord}, {@link #keptPhrase}).
     */
    private Query keptText(IndexReader reader, List<String> words) throws IOException {
        KeptForReader forReader = keptFor(reader);
        Query query = forReader.byWords.get(words);
        if (query == null) {
            IndexSearcher searcher = new IndexSearcher(reader);
            BooleanQuery.Builder text = new BooleanQuery.Builder();
            for (String word : words) {
                keptWord(forReader, searcher, word).forEach(clause -> text.add(clause, Occur.SHOULD));
            }
            for (List<String> alternative : vocabulary.alternativesOf(words)) {
                text.add(keptPhrase(forReader, searcher, alternative), Occur.SHOULD);
            }
            text.setMinimumNumberShouldMatch(1);
            try {
                // the parts are rewritten already: this checks what they hold together (1,024 terms at most)
                query = searcher.rewrite(text.build());
            } catch (IndexSearcher.TooManyClauses e) {
                // words whose starts begin more words together than a query may hold: looked up at each search
                query = withTermStates(
                        searcher.rewrite(text(reader, words, MultiTermQuery.CONSTANT_SCORE_BLENDED_REWRITE)), searcher);
            }
            forReader.byWords.put(List.copyOf(words), query);
        }
        return query;
    }

    /** {@link #wordClauses} of {@code word}, rewritten with their terms' statistics, once a reader. */
    private List<Query> keptWord(KeptForReader forReader, IndexSearcher searcher, String word) throws IOException {
        List<Query> kept = forReader.byWord.get(word);
        if (kept == null) {
            try {
                kept = rewritten(
                        searcher, wordClauses(forReader.reader, word, MultiTermQuery.CONSTANT_SCORE_BOOLEAN_REWRITE));
            } catch (IndexSearcher.TooManyClauses e) {
                // a start of a word that begins more words than a query may hold: looked up at each search
                kept = rewritten(
                        searcher, wordClauses(forReader.reader, word, MultiTermQuery.CONSTANT_SCORE_BLENDED_REWRITE));
            }
            forReader.byWord.put(word, kept);
        }
        return kept;
    }

    /** Each of {@code clauses}, rewritten for {@code searcher}'s reader with its terms' statistics. */
    private static List<Query> rewritten(IndexSearcher searcher, List<Query> clauses) throws IOException {
        List<Query> rewritten = new ArrayList<>(clauses.size());
        for (Query clause : clauses) {
            rewritten.add(withTermStates(searcher.rewrite(clause), searcher));
        }
        return List.copyOf(rewritten);
    }

    /** {@link #phraseClause} of {@code alternative}, with its terms' statistics, once a reader. */
    private Query keptPhrase(KeptForReader forReader, IndexSearcher searcher, List<String> alternative)
            throws IOException {
        Query kept = forReader.byPhrase.get(alternative);
        if (kept == null) {
            kept = withTermStates(searcher.rewrite(phraseClause(alternative)), searcher);
            forReader.byPhrase.put(alternative, kept);
        }
        return kept;
    }

    /**
     * {@code query} with each term's statistics looked up now, for {@code searcher}'s reader only
     * (Lucene checks, and looks them up again for any other): building them was the largest part of
     * a search's weight.
     */
    private static Query withTermStates(Query query, IndexSearcher searcher) throws IOException {
        if (query instanceof TermQuery term) {
            return new TermQuery(term.getTerm(), TermStates.build(searcher, term.getTerm(), true));
        }
        if (query instanceof BoostQuery boost) {
            return new BoostQuery(withTermStates(boost.getQuery(), searcher), boost.getBoost());
        }
        if (query instanceof DisjunctionMaxQuery max) {
            List<Query> disjuncts = new ArrayList<>();
            for (Query disjunct : max.getDisjuncts()) {
                disjuncts.add(withTermStates(disjunct, searcher));
            }
            return new DisjunctionMaxQuery(disjuncts, max.getTieBreakerMultiplier());
        }
        if (query instanceof BooleanQuery bool) {
            BooleanQuery.Builder rebuilt =
                    new BooleanQuery.Builder().setMinimumNumberShouldMatch(bool.getMinimumNumberShouldMatch());
            for (BooleanClause clause : bool.clauses()) {
                rebuilt.add(withTermStates(clause.query(), searcher), clause.occur());
            }
            return rebuilt.build();
        }
        return query; // anything else looks its terms up itself
    }

    /**
     * Any of the query's words (and what the vocabulary says they mean), the best matches first; a
     * word's start is looked up by {@code prefixes} (the words it begins found once, at rewrite, or
     * at every search).
     */
    private Query text(IndexReader reader, List<String> words, MultiTermQuery.RewriteMethod prefixes)
            throws IOException {
        BooleanQuery.Builder text = new BooleanQuery.Builder();
        for (String word : words) {
            wordClauses(reader, word, prefixes).forEach(clause -> text.add(clause, Occur.SHOULD));
        }
        for (List<String> alternative : vocabulary.alternativesOf(words)) {
            text.add(phraseClause(alternative), Occur.SHOULD);
        }
        text.setMinimumNumberShouldMatch(1);
        return text.build();
    }

    /** A typed word's clauses: one {@link #word} for each of its stems. */
    private List<Query> wordClauses(IndexReader reader, String word, MultiTermQuery.RewriteMethod prefixes)
            throws IOException {
        List<Query> clauses = new ArrayList<>();
        for (String stem : stems(word)) {
            // a word the directory holds is meant as typed; only a word it does not hold may be a typo
            boolean known = reader.docFreq(new Term(ALL_TEXT, stem)) > 0;
            Query starts = stem.length() >= 3 ? WordStarts.of(reader, ALL_TEXT, stem, prefixes) : null;
            clauses.add(word(stem, starts, known ? null : typos(reader, stem, word.length())));
        }
        return clauses;
    }

    /** What the vocabulary says the query's words also mean: every word of the phrase, exactly. */
    private Query phraseClause(List<String> alternative) {
        BooleanQuery.Builder phrase = new BooleanQuery.Builder();
        alternative.stream().flatMap(w -> stems(w).stream()).forEach(stem -> phrase.add(exact(stem), Occur.MUST));
        return new BoostQuery(phrase.build(), ALTERNATIVE_WEIGHT);
    }

    /**
     * The words of any service within a typo of {@code stem} (one edit from five letters typed, two
     * from eight; {@link Typos}), looked up in the one field holding every word; null if none is.
     */
    private static Query typos(IndexReader reader, String stem, int typedLength) throws IOException {
        return typedLength < 5 ? null : Typos.of(reader, ALL_TEXT, stem, typedLength >= 8 ? 2 : 1);
    }

    /**
     * One word: exactly, in each field by its weight; else as the start of longer words ({@code
     * starts}: {@link WordStarts}, three letters on), or (only a word the directory does not hold:
     * "counselling" is not a typo of "council") as one of the words it may be a typo of ({@link
     * #typos}); null: none.
     */
    private static Query word(String stem, Query starts, Query typos) {
        BooleanQuery.Builder exactly = new BooleanQuery.Builder();
        for (Weighted field : FIELDS) {
            exactly.add(new BoostQuery(new TermQuery(new Term(field.field(), stem)), field.weight()), Occur.SHOULD);
        }
        List<Query> ways = new ArrayList<>();
        ways.add(exactly.build());
        if (starts != null) {
            ways.add(new BoostQuery(starts, 0.5f));
        }
        if (typos != null) {
            ways.add(new BoostQuery(typos, 0.4f));
        }
        return new DisjunctionMaxQuery(ways, 0f);
    }

    /** A word exactly, in any field (a vocabulary phrase's word). */
    private static Query exact(String stem) {
        List<Query> fields = FIELDS.stream()
                .map(f -> (Query) new BoostQuery(new TermQuery(new Term(f.field(), stem)), f.weight()))
                .toList();
        return new DisjunctionMaxQuery(fields, 0.1f);
    }

    private static Query anyOf(String field, List<String> values) {
        BooleanQuery.Builder any = new BooleanQuery.Builder();
        values.forEach(v -> any.add(new TermQuery(new Term(field, v)), Occur.SHOULD));
        return any.build();
    }

    /** The indexed forms of a typed word (English: lower case, stemmed; none for a stop word). */
    private List<String> stems(String word) {
        List<String> stems = new ArrayList<>();
        try (TokenStream tokens = analyzer.tokenStream(NAME, word)) {
            CharTermAttribute term = tokens.addAttribute(CharTermAttribute.class);
            tokens.reset();
            while (tokens.incrementToken()) {
                stems.add(term.toString());
            }
            tokens.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return stems;
    }

    // --- documents --------------------------------------------------------------------------------

    private static Document document(ServiceStore.Indexable indexable, Organization owner) {
        Service service = indexable.service();
        Document document = new Document();
        document.add(new StringField(ID, service.getId(), Field.Store.YES));
        // the record itself: a search answers from the index, with no round trip to the store
        document.add(new StoredField(RECORD, service.toByteArray()));
        if (owner != null) {
            document.add(new StoredField(OWNER, owner.toByteArray()));
        }
        document.add(new SortedDocValuesField(ID_SORT, new BytesRef(service.getId())));
        document.add(new SortedDocValuesField(NAME_SORT, new BytesRef(SearchText.sortKey(service.getName()))));
        document.add(new TextField(NAME, service.getName(), Field.Store.NO));
        document.add(new TextField(DESCRIPTION, service.getDescription(), Field.Store.NO));
        document.add(new TextField(ORGANIZATION, indexable.organizationName(), Field.Store.NO));
        List<TaxonomyTerm> terms = service.getAttributesList().stream()
                .map(Attribute::getTaxonomyTerm)
                .toList();
        String keywords =
                String.join(" ", terms.stream().map(TaxonomyTerm::getName).toList());
        document.add(new TextField(KEYWORDS, keywords, Field.Store.NO));
        document.add(new TextField(
                ALL_TEXT,
                String.join(" ", service.getName(), keywords, indexable.organizationName(), service.getDescription()),
                Field.Store.NO));
        String localityTaxonomy = Taxonomies.taxonomyId(Taxonomies.LOCALITY);
        boolean anyLocality = false;
        for (TaxonomyTerm term : terms) {
            document.add(new StringField(TERM_ID, term.getId(), Field.Store.NO));
            document.add(new StringField(TAXONOMY_ID, term.getTaxonomyId(), Field.Store.NO));
            if (term.getTaxonomyId().equals(localityTaxonomy)) {
                document.add(new StringField(LOCALITY, term.getTerm(), Field.Store.NO));
                anyLocality = true;
            }
        }
        if (!anyLocality) {
            document.add(new StringField(LOCALITY, WHOLE_CITY, Field.Store.NO));
        }
        document.add(new StringField(ORGANIZATION_ID, service.getOrganizationId(), Field.Store.NO));
        document.add(new StringField(STATUS, ClosedSets.jsonName(service.getStatus()), Field.Store.NO));
        // no stated age limit admits every age
        document.add(new IntPoint(MINIMUM_AGE, service.hasMinimumAge() ? service.getMinimumAge() : Integer.MIN_VALUE));
        document.add(new IntPoint(MAXIMUM_AGE, service.hasMaximumAge() ? service.getMaximumAge() : Integer.MAX_VALUE));
        document.add(new StringField(LAST_MODIFIED, service.getLastModified(), Field.Store.NO));
        service.getServiceAtLocationsList().stream()
                .flatMap(at -> at.getLocation().getAddressesList().stream())
                .map(address -> address.getPostalCode())
                .filter(postcode -> !postcode.isEmpty())
                .distinct()
                .forEach(postcode -> document.add(new StringField(POSTCODE, postcode, Field.Store.NO)));
        if (service.getServiceAtLocationsCount() > 0) {
            document.add(new StringField(HAS_LOCATION, "yes", Field.Store.NO));
        }
        return document;
    }

    private IndexSearcher acquire() {
        try {
            return searchers.acquire();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void release(IndexSearcher searcher) {
        try {
            searchers.release(searcher);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void catchUpQuietly() {
        try {
            catchUp();
        } catch (RuntimeException e) {
            // the store is unreachable for now: searches answer from the index as it is, and the next look catches up
            LOGGER.log(Level.WARNING, "The directory search index could not catch up with the store", e);
        }
    }

    @Override
    public void close() {
        refresher.shutdownNow();
        try {
            searchers.close();
            writer.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
