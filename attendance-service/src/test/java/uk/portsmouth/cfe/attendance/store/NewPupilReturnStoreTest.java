package uk.portsmouth.cfe.attendance.store;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.is;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import uk.portsmouth.cfe.platform.mongo.EmbeddedMongo;
import uk.portsmouth.cfe.platform.paging.Paging;
import uk.portsmouth.cfe.platform.testing.TestDates;
import uk.portsmouth.cfe.proto.attendance.v1.NewPupilReturn;
import uk.portsmouth.cfe.proto.attendance.v1.NewPupilReturnStatus;
import uk.portsmouth.cfe.proto.common.v1.PageRequest;

/** The new pupils' returns' store over the MongoDB driver: the first sync's day races once, the lists filter. */
class NewPupilReturnStoreTest {

    private static EmbeddedMongo mongo;
    private static MongoClient client;
    private static NewPupilReturnStore store;

    @BeforeAll
    static void start() {
        mongo = EmbeddedMongo.inMemory();
        client = MongoClients.create(mongo.uri());
        store = new NewPupilReturnStore(client.getDatabase("returns-test"));
    }

    @AfterAll
    static void stop() {
        client.close();
        mongo.close();
    }

    @Test
    void theFirstRollSyncsDayIsSetOnceHoweverManySyncsRace() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(8);
        List<Future<LocalDate>> days = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            LocalDate day = LocalDate.parse("2026-11-02").plusDays(i % 3);
            days.add(threads.submit(() -> store.firstRollSync("116050", day)));
        }
        LocalDate first = days.get(0).get();
        for (Future<LocalDate> day : days) {
            assertThat(day.get(), is(first));
        }
        threads.shutdown();
        assertThat(store.firstRollSync("116050", LocalDate.parse("2027-01-01")), is(first));
    }

    @Test
    void overdueMeansStillDueAfterTheDueDateAtAnySchool() {
        store.addAll(
                List.of(
                        owed("116060", "a", "2026-11-01", NewPupilReturnStatus.NEW_PUPIL_RETURN_STATUS_DUE),
                        owed("116060", "b", "2026-11-20", NewPupilReturnStatus.NEW_PUPIL_RETURN_STATUS_DUE),
                        owed("116061", "c", "2026-11-02", NewPupilReturnStatus.NEW_PUPIL_RETURN_STATUS_DUE),
                        owed("116061", "d", "2026-11-01", NewPupilReturnStatus.NEW_PUPIL_RETURN_STATUS_SUBMITTED)),
                "test");
        // a sync sent again adds nothing
        store.addAll(
                List.of(owed("116060", "a", "2026-11-01", NewPupilReturnStatus.NEW_PUPIL_RETURN_STATUS_DUE)), "test");
        LocalDate today = LocalDate.parse("2026-11-10");
        assertThat(
                ids(store.page(
                                "",
                                NewPupilReturnStatus.NEW_PUPIL_RETURN_STATUS_UNSPECIFIED,
                                true,
                                today,
                                Paging.of(PageRequest.getDefaultInstance()))
                        .contents()),
                contains("a", "c"));
        assertThat(
                ids(store.page(
                                "116060",
                                NewPupilReturnStatus.NEW_PUPIL_RETURN_STATUS_UNSPECIFIED,
                                true,
                                today,
                                Paging.of(PageRequest.getDefaultInstance()))
                        .contents()),
                contains("a"));
        assertThat(
                ids(store.page(
                                "116060",
                                NewPupilReturnStatus.NEW_PUPIL_RETURN_STATUS_DUE,
                                false,
                                today,
                                Paging.of(PageRequest.getDefaultInstance()))
                        .contents()),
                contains("a", "b"));
        assertThat(
                ids(store.page(
                                "116061",
                                NewPupilReturnStatus.NEW_PUPIL_RETURN_STATUS_SUBMITTED,
                                false,
                                today,
                                Paging.of(PageRequest.getDefaultInstance()))
                        .contents()),
                contains("d"));
    }

    private static NewPupilReturn owed(String urn, String upn, String dueBy, NewPupilReturnStatus status) {
        return NewPupilReturn.newBuilder()
                .setId(urn + ":" + upn)
                .setUrn(urn)
                .setUpn(upn)
                .setDueBy(TestDates.date(dueBy))
                .setStatus(status)
                .build();
    }

    private static List<String> ids(List<NewPupilReturn> returns) {
        return returns.stream().map(NewPupilReturn::getUpn).toList();
    }
}
