package uk.portsmouth.cfe.directory.store;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.sameInstance;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.mongodb.client.MongoDatabase;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import uk.portsmouth.cfe.directory.domain.SearchVocabulary;
import uk.portsmouth.cfe.directory.domain.ServiceQuery;
import uk.portsmouth.cfe.directory.domain.ServiceRules;
import uk.portsmouth.cfe.directory.domain.Taxonomies;
import uk.portsmouth.cfe.platform.errors.VersionConflictException;
import uk.portsmouth.cfe.platform.mongo.StoredRecord;
import uk.portsmouth.cfe.proto.common.v1.Locality;
import uk.portsmouth.cfe.proto.common.v1.PageRequest;
import uk.portsmouth.cfe.proto.directory.v1.Attribute;
import uk.portsmouth.cfe.proto.directory.v1.Organization;
import uk.portsmouth.cfe.proto.directory.v1.SearchServicesRequest;
import uk.portsmouth.cfe.proto.directory.v1.Service;

/**
 * What the stores must do on any MongoDB: run against the embedded store here, and against a
 * real MongoDB where Docker is available.
 */
abstract class ServiceStoreContract {

    protected abstract MongoDatabase database();

    private ServiceStore services;
    private OrganizationStore organizations;
    private final String organizationId = UUID.randomUUID().toString();

    @BeforeEach
    void setUp() {
        database().drop();
        services = new ServiceStore(database(), java.time.Clock.systemUTC());
        organizations = new OrganizationStore(database());
        organizations.insert(
                Organization.newBuilder()
                        .setId(organizationId)
                        .setName("Solent NHS Trust")
                        .setDescription("NHS")
                        .build(),
                "2026-01-01T00:00:00.000Z",
                "test",
                "hash");
    }

    private Service save(String name, String description, Integer min, Integer max, String modified, String... terms) {
        Service.Builder b =
                Service.newBuilder().setName(name).setDescription(description).setOrganizationId(organizationId);
        if (min != null) {
            b.setMinimumAge(min);
        }
        if (max != null) {
            b.setMaximumAge(max);
        }
        for (String term : terms) {
            b.addAttributes(Attribute.newBuilder().setTaxonomyTermId(term));
        }
        Service service = ServiceRules.complete(b.build(), UUID.randomUUID().toString(), modified);
        services.insert(service, "Solent NHS Trust", "editor", "hash", java.util.List.of());
        return service;
    }

    /** What the search index, built from the store as it is now, finds (the store is the index's source). */
    private ServiceSearchIndex.Hits search(SearchServicesRequest.Builder request) {
        try (ServiceSearchIndex index = newIndex()) {
            return index.search(ServiceQuery.from(request.build()));
        }
    }

    /** An index of the store as it is now, caught up only when asked ({@link ServiceSearchIndex#catchUp}). */
    private ServiceSearchIndex newIndex() {
        return ServiceSearchIndex.build(
                services,
                organizations,
                SearchVocabulary.load(),
                java.time.Duration.ofHours(1),
                java.time.Duration.ofSeconds(10));
    }

    private List<String> names(SearchServicesRequest.Builder request) {
        return search(request).found().stream()
                .map(found -> found.service().getName())
                .toList();
    }

    private static String aspect(String slug) {
        return Taxonomies.termId(Taxonomies.ASPECTS_OF_LIFE, slug);
    }

    private static String locality(String slug) {
        return Taxonomies.termId(Taxonomies.LOCALITY, slug);
    }

    @Test
    void roundTripsAServiceWithItsVersion() {
        Service saved = save(
                "CAMHS", "Mental health", 5, 18, "2026-01-01T00:00:00.000Z", aspect("good-physical-and-mental-health"));
        StoredRecord<Service> found = services.find(saved.getId()).orElseThrow();
        assertThat(found.body(), is(saved));
        assertThat(found.version(), is(1L));
        assertThat(found.modifiedBy(), is("editor"));
    }

    @Test
    void aStaleVersionIsRejectedAndNothingIsWritten() {
        Service saved = save("CAMHS", "Mental health", 5, 18, "2026-01-01T00:00:00.000Z");
        services.replace(saved.toBuilder().setName("CAMHS 2").build(), "Solent NHS Trust", 1, "a", java.util.List.of());
        VersionConflictException conflict = assertThrows(
                VersionConflictException.class,
                () -> services.replace(
                        saved.toBuilder().setName("CAMHS 3").build(), "Solent NHS Trust", 1, "b", java.util.List.of()));
        assertThat(conflict.currentVersion(), is(2L));
        assertThat(services.find(saved.getId()).orElseThrow().body().getName(), is("CAMHS 2"));
    }

    @Test
    void aSecondInsertWithTheSameIdIsRefusedAndTheFirstRequestIsRemembered() {
        Service service = save("Kooth", "Online counselling", null, null, "2026-01-01T00:00:00.000Z");
        assertThat(
                services.insert(
                        service.toBuilder().setName("Again").build(), "", "editor", "other", java.util.List.of()),
                is(false));
        assertThat(services.find(service.getId()).orElseThrow().body().getName(), is("Kooth"));
        assertThat(services.requestHash(service.getId()).orElseThrow(), is("hash"));
    }

    @Test
    void editsAndAnOrganisationRenameKeepTheCreatesFingerprint() {
        Service saved = save("Kooth", "Online counselling", null, null, "2026-01-01T00:00:00.000Z");
        services.replace(
                saved.toBuilder().setName("Kooth online").build(),
                "Solent NHS Trust",
                1,
                "editor",
                java.util.List.of());
        services.renameOrganization(organizationId, "Solent Community Trust");
        assertThat(names(SearchServicesRequest.newBuilder().setText("community")), contains("Kooth online"));
        assertThat(services.find(saved.getId()).orElseThrow().version(), is(2L));
        assertThat(services.requestHash(saved.getId()).orElseThrow(), is("hash"));
    }

    @Test
    void insertIfAbsentIsIdempotent() {
        Service service = ServiceRules.complete(
                Service.newBuilder()
                        .setName("Kooth")
                        .setOrganizationId(organizationId)
                        .build(),
                UUID.randomUUID().toString(),
                "2026-01-01T00:00:00.000Z");
        assertThat(services.insertIfAbsent(service, "", "demo"), is(true));
        assertThat(
                services.insertIfAbsent(service.toBuilder().setName("Changed").build(), "", "demo"), is(false));
        assertThat(services.find(service.getId()).orElseThrow().body().getName(), is("Kooth"));
    }

    @Test
    void filtersByAgeAspectLocalityAndModifiedAfter() {
        save("Health visiting", "Babies", 0, 5, "2026-01-01T00:00:00.000Z", aspect("pregnancy-and-early-years"));
        save(
                "Kooth",
                "Online counselling",
                11,
                25,
                "2026-03-01T00:00:00.000Z",
                aspect("good-physical-and-mental-health"));
        save(
                "Hilsea Family Hub",
                "Family hub",
                0,
                19,
                "2026-02-01T00:00:00.000Z",
                aspect("good-family-relationships"),
                locality("north"));
        save(
                "Milton Family Hub",
                "Family hub",
                0,
                19,
                "2026-02-01T00:00:00.000Z",
                aspect("good-family-relationships"),
                locality("south"));
        save("Advice Portsmouth", "Debt advice", null, null, "2026-01-01T00:00:00.000Z", aspect("financial-stability"));

        assertThat(
                names(SearchServicesRequest.newBuilder().setAge(14)),
                contains("Advice Portsmouth", "Hilsea Family Hub", "Kooth", "Milton Family Hub"));
        assertThat(
                names(SearchServicesRequest.newBuilder().setAspectOfLife("pregnancy-and-early-years")),
                contains("Health visiting"));
        assertThat(
                names(SearchServicesRequest.newBuilder()
                        .setLocality(Locality.LOCALITY_NORTH)
                        .setAspectOfLife("good-family-relationships")),
                contains("Hilsea Family Hub"));
        assertThat(
                names(SearchServicesRequest.newBuilder().setLocality(Locality.LOCALITY_NORTH)),
                contains("Advice Portsmouth", "Health visiting", "Hilsea Family Hub", "Kooth"));
        assertThat(
                names(SearchServicesRequest.newBuilder().setModifiedAfter("2026-02-15T00:00:00Z")), contains("Kooth"));
    }

    @Test
    void textSearchRanksNameMatchesFirstAndMatchesPrefixes() {
        save("Family Hub", "Includes counselling for parents", null, null, "2026-01-01T00:00:00.000Z");
        save("Counselling service", "Talking therapy", null, null, "2026-01-01T00:00:00.000Z");
        save("Uniform Share Store", "School uniform", null, null, "2026-01-01T00:00:00.000Z");
        assertThat(
                names(SearchServicesRequest.newBuilder().setText("counsel")),
                contains("Counselling service", "Family Hub"));
        // best matches first: every service is Solent's, the one that is also about uniform leads
        assertThat(
                names(SearchServicesRequest.newBuilder().setText("solent uniform"))
                        .get(0),
                is("Uniform Share Store"));
    }

    @Test
    void pagesInNameOrder() {
        for (String name : List.of("d", "b", "e", "a", "c")) {
            save("Service " + name, "", null, null, "2026-01-01T00:00:00.000Z");
        }
        SearchServicesRequest.Builder second = SearchServicesRequest.newBuilder()
                .setPage(PageRequest.newBuilder().setPage(2).setPerPage(2));
        assertThat(names(second), contains("Service c", "Service d"));
        assertThat(search(second).total(), is(5));
    }

    /**
     * A word's start is looked up once a reader, as the words it begins; one that begins more words
     * than a query may hold (1,024) is looked up at each search instead, and still finds them all.
     */
    @Test
    void aWordsStartThatBeginsMoreWordsThanAQueryHoldsFindsThemAll() {
        for (int i = 0; i < 1_100; i++) {
            save(String.format(java.util.Locale.ROOT, "Zed%04d club", i), "", null, null, "2026-01-01T00:00:00.000Z");
        }
        save("Counselling service", "Talking therapy", null, null, "2026-01-01T00:00:00.000Z");
        assertThat(search(SearchServicesRequest.newBuilder().setText("zed")).total(), is(1_100));
        assertThat(names(SearchServicesRequest.newBuilder().setText("couns")), contains("Counselling service"));
    }

    /**
     * Each word's start is kept on its own; two that each begin fewer words than a query may hold
     * but more together are looked up at each search when searched together, and find them all.
     */
    @Test
    void twoWordsStartsThatTogetherBeginMoreWordsThanAQueryHoldsFindThemAll() {
        for (int i = 0; i < 600; i++) {
            save(String.format(java.util.Locale.ROOT, "Zed%04d club", i), "", null, null, "2026-01-01T00:00:00.000Z");
            save(String.format(java.util.Locale.ROOT, "Yak%04d club", i), "", null, null, "2026-01-01T00:00:00.000Z");
        }
        try (ServiceSearchIndex index = newIndex()) {
            assertThat(index.search(text("zed")).total(), is(600));
            assertThat(index.search(text("yak")).total(), is(600));
            assertThat(index.search(text("zed yak")).total(), is(1_200));
        }
    }

    private static ServiceQuery text(String words) {
        return ServiceQuery.from(
                SearchServicesRequest.newBuilder().setText(words).build());
    }

    /**
     * An answer made of a search's page is the same object while the index does not move (so its
     * encoded bytes can be kept by identity), one of its own for another page or shape, and made
     * afresh once the index has caught up with a change.
     */
    @Test
    void anAnswerIsTheSameObjectUntilTheIndexMoves() {
        save("Counselling service", "Talking therapy", null, null, "2026-01-01T00:00:00.000Z");
        try (ServiceSearchIndex index = newIndex()) {
            ServiceQuery counselling = text("counselling");
            ServiceQuery secondPage = ServiceQuery.from(SearchServicesRequest.newBuilder()
                    .setText("counselling")
                    .setPage(PageRequest.newBuilder().setPage(2))
                    .build());
            java.util.function.Function<ServiceSearchIndex.Hits, List<String>> names = hits -> hits.found().stream()
                    .map(found -> found.service().getName())
                    .toList();

            List<String> first = index.answer(counselling, "names", names);
            assertThat(index.answer(counselling, "names", names), sameInstance(first));
            assertThat(index.answer(counselling, "other", names), not(sameInstance(first)));
            assertThat(index.answer(secondPage, "names", names), is(List.of()));
            assertThat(first, contains("Counselling service"));

            save("Family counselling", "For parents", null, null, "2026-01-02T00:00:00.000Z");
            index.catchUp();
            List<String> after = index.answer(counselling, "names", names);
            assertThat(after, not(sameInstance(first)));
            assertThat(after, containsInAnyOrder("Family counselling", "Counselling service"));
        }
    }

    /**
     * What a search matched is kept for the index as it was: a service added, changed or retired
     * after it is found (or no longer found) by the same search once the index has caught up.
     */
    @Test
    void aSearchAskedAgainAfterAChangeFindsWhatChanged() {
        save("Counselling service", "Talking therapy", null, null, "2026-01-01T00:00:00.000Z");
        try (ServiceSearchIndex index = newIndex()) {
            ServiceQuery counselling = ServiceQuery.from(
                    SearchServicesRequest.newBuilder().setText("counselling").build());
            assertThat(index.search(counselling).total(), is(1));
            assertThat(index.search(counselling).total(), is(1));
            Service added = save("Family counselling", "For parents", null, null, "2026-01-02T00:00:00.000Z");
            index.catchUp();
            assertThat(
                    index.search(counselling).found().stream()
                            .map(found -> found.service().getName())
                            .toList(),
                    containsInAnyOrder("Family counselling", "Counselling service"));
            services.replace(
                    added.toBuilder()
                            .setName("Family support")
                            .setDescription("For parents")
                            .build(),
                    "Solent NHS Trust",
                    1,
                    "editor",
                    List.of());
            index.catchUp();
            assertThat(index.search(counselling).total(), is(1));
        }
    }
}
