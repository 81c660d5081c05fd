package uk.portsmouth.cfe.directory.demo;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.is;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import uk.portsmouth.cfe.directory.domain.SearchVocabulary;
import uk.portsmouth.cfe.directory.domain.ServiceQuery;
import uk.portsmouth.cfe.directory.domain.Taxonomies;
import uk.portsmouth.cfe.directory.store.OrganizationStore;
import uk.portsmouth.cfe.directory.store.ServiceSearchIndex;
import uk.portsmouth.cfe.directory.store.ServiceStore;
import uk.portsmouth.cfe.platform.mongo.EmbeddedMongo;
import uk.portsmouth.cfe.proto.common.v1.PageRequest;
import uk.portsmouth.cfe.proto.directory.v1.SearchServicesRequest;

class DirectoryDemoDataTest {

    @Test
    void loadsTheGuidesServicesOnceAndEveryAspectHasServices() {
        try (EmbeddedMongo mongo = EmbeddedMongo.inMemory();
                MongoClient client = MongoClients.create(mongo.uri())) {
            MongoDatabase database = client.getDatabase("demo");
            ServiceStore services = new ServiceStore(database, Clock.systemUTC());
            OrganizationStore organizations = new OrganizationStore(database);

            int added = DirectoryDemoData.load(organizations, services, Clock.systemUTC());
            assertThat(added, greaterThanOrEqualTo(60));
            assertThat(DirectoryDemoData.load(organizations, services, Clock.systemUTC()), is(0));
            assertThat(services.count(), is((long) added));

            try (ServiceSearchIndex index = ServiceSearchIndex.build(
                    services, organizations, SearchVocabulary.load(), Duration.ofHours(1), Duration.ofSeconds(10))) {
                for (var aspect : Taxonomies.ASPECT_TERMS) {
                    int found = index.search(ServiceQuery.from(SearchServicesRequest.newBuilder()
                                    .setAspectOfLife(aspect.getTerm())
                                    .setPage(PageRequest.newBuilder().setPerPage(100))
                                    .build()))
                            .total();
                    assertThat(aspect.getTerm(), found, greaterThanOrEqualTo(1));
                }
            }
        }
    }
}
