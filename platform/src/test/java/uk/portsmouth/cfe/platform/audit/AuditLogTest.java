package uk.portsmouth.cfe.platform.audit;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import uk.portsmouth.cfe.platform.mongo.EmbeddedMongo;
import uk.portsmouth.cfe.proto.common.v1.AuditSubject;
import uk.portsmouth.cfe.proto.common.v1.CallerContext;

class AuditLogTest {

    private static final CallerContext OFFICER = CallerContext.newBuilder()
            .setSubject("officer-1")
            .addRoles("la_officer")
            .setCorrelationId("c-1")
            .build();
    private static final AuditSubject SCHOOL = AuditSubjects.school("116156");

    private EmbeddedMongo mongo;
    private MongoClient client;
    private AuditLog audit;

    @BeforeEach
    void start() {
        mongo = EmbeddedMongo.inMemory();
        client = MongoClients.create(mongo.uri());
        audit = new AuditLog(client.getDatabase("audit-test"), "sample-service", Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        client.close();
        mongo.close();
    }

    /** The answer comes back only once its event is stored: every answered read has its event, under any load. */
    @Test
    void aReadRecordedAlongsideAnswersOnlyOnceItsEventIsStored() throws Exception {
        ExecutorService readers = Executors.newFixedThreadPool(16);
        AtomicLong reads = new AtomicLong();
        try {
            List<Future<String>> answers = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                AuditSubject school = AuditSubjects.school("school-" + i);
                answers.add(readers.submit(() -> {
                    String answer = audit.recordAlongside(OFFICER, "read-summary", "read", school, () -> {
                        reads.incrementAndGet();
                        return "summary";
                    });
                    // its own event is stored by now, whatever the other readers do
                    assertThat(audit.count(school), is(1L));
                    return answer;
                }));
            }
            for (Future<String> answer : answers) {
                assertThat(answer.get(), is("summary"));
            }
        } finally {
            readers.shutdownNow();
        }
        assertThat(reads.get(), is(400L));
        assertThat(audit.recordedBefore(java.time.Instant.now().plusSeconds(60), false), is(400L));
    }

    /** An event that cannot be stored means no answer: the read's result is never given unaudited. */
    @Test
    void aReadWhoseEventCannotBeStoredGivesNoAnswer() {
        client.close(); // the store is gone for this log
        assertThrows(
                IllegalStateException.class,
                () -> audit.recordAlongside(OFFICER, "read-summary", "read", SCHOOL, () -> "summary"));
    }

    /** A read that fails after its event was begun fails as it would have; the attempt stays recorded. */
    @Test
    void aReadThatFailsFailsAsItWouldWithItsAttemptRecorded() {
        IllegalArgumentException failure = assertThrows(
                IllegalArgumentException.class,
                () -> audit.recordAlongside(OFFICER, "read-summary", "read", SCHOOL, () -> {
                    throw new IllegalArgumentException("no such range");
                }));
        assertThat(failure.getMessage(), is("no such range"));
        assertThat(audit.count(SCHOOL), is(1L));
    }
}
