package uk.portsmouth.cfe.platform.grpc;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.grpc.Context;
import io.grpc.stub.StreamObserver;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import uk.portsmouth.cfe.platform.audit.AuditLog;
import uk.portsmouth.cfe.platform.audit.SubjectAccessGrpcService;
import uk.portsmouth.cfe.platform.errors.InvalidInputException;
import uk.portsmouth.cfe.platform.mongo.EmbeddedMongo;
import uk.portsmouth.cfe.platform.testing.TestDates;
import uk.portsmouth.cfe.proto.common.v1.CallerContext;
import uk.portsmouth.cfe.proto.common.v1.KnownAs;
import uk.portsmouth.cfe.proto.common.v1.SubjectAccessRequest;
import uk.portsmouth.cfe.proto.common.v1.SubjectRecords;

/** A subject access question is by UPN, by person, or by names and birth dates alone; anything else is refused before a source is asked. */
class SubjectAccessGrpcServiceTest {

    private static final String UPN = "A123456789012";
    private static final CallerContext DPO =
            CallerContext.newBuilder().setSubject("dpo").addRoles("dpo").build();

    private static EmbeddedMongo store;
    private static MongoClient client;
    private static final List<SubjectAccessRequest> ASKED = new ArrayList<>();
    private static SubjectAccessGrpcService service;

    @BeforeAll
    static void start() {
        store = EmbeddedMongo.inMemory();
        client = MongoClients.create(store.uri());
        AuditLog audit = new AuditLog(client.getDatabase("subject_access_test"), "test-service", Clock.systemUTC());
        service = new SubjectAccessGrpcService(
                request -> {
                    ASKED.add(request);
                    return SubjectRecords.newBuilder()
                            .setService("test-service")
                            .build();
                },
                audit);
    }

    @AfterAll
    static void stop() {
        client.close();
        store.close();
    }

    private static void ask(SubjectAccessRequest request) throws Exception {
        Context.current().withValue(CallerContexts.CALLER, DPO).call(() -> {
            service.findSubjectRecords(request, new StreamObserver<>() {
                @Override
                public void onNext(SubjectRecords value) {}

                @Override
                public void onError(Throwable t) {}

                @Override
                public void onCompleted() {}
            });
            return null;
        });
    }

    private static KnownAs child(String born) {
        return KnownAs.newBuilder()
                .setGivenName("Zoe")
                .setFamilyName("Smith")
                .setDateOfBirth(TestDates.date(born))
                .build();
    }

    @Test
    void namesAreAskedAloneAndWellFormed() throws Exception {
        ASKED.clear();
        ask(SubjectAccessRequest.newBuilder().addKnownAs(child("2015-04-01")).build());
        ask(SubjectAccessRequest.newBuilder().build()); // no name known: asked, finds nothing by name
        assertThat(ASKED.size(), is(2));

        assertThrows(
                InvalidInputException.class,
                () -> ask(SubjectAccessRequest.newBuilder()
                        .setUpn(UPN)
                        .setPersonId("plan/person")
                        .build()));
        assertThrows(
                InvalidInputException.class,
                () -> ask(SubjectAccessRequest.newBuilder()
                        .setPersonId("plan/person")
                        .addKnownAs(child("2015-04-01"))
                        .build()));
        assertThrows(
                InvalidInputException.class,
                () -> ask(SubjectAccessRequest.newBuilder()
                        .addKnownAs(child("2015-04-01").toBuilder().clearDateOfBirth())
                        .build()));
        assertThrows(
                InvalidInputException.class,
                () -> ask(SubjectAccessRequest.newBuilder()
                        .addKnownAs(child("2015-04-01").toBuilder().setFamilyName("x".repeat(201)))
                        .build()));
        SubjectAccessRequest.Builder tooMany = SubjectAccessRequest.newBuilder();
        for (int i = 0; i < 51; i++) {
            tooMany.addKnownAs(child("2015-04-01"));
        }
        assertThrows(InvalidInputException.class, () -> ask(tooMany.build()));
        // nothing refused reached the source
        assertThat(ASKED.size(), is(2));
    }
}
