package uk.portsmouth.cfe.fsp.app;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import uk.portsmouth.cfe.fsp.store.ProfessionalStore;
import uk.portsmouth.cfe.platform.audit.AuditLog;
import uk.portsmouth.cfe.platform.errors.ForbiddenException;
import uk.portsmouth.cfe.platform.errors.InvalidInputException;
import uk.portsmouth.cfe.platform.errors.NotFoundException;
import uk.portsmouth.cfe.platform.grpc.AsCaller;
import uk.portsmouth.cfe.platform.mongo.EmbeddedMongo;
import uk.portsmouth.cfe.platform.reference.Roles;
import uk.portsmouth.cfe.platform.testing.TestClock;
import uk.portsmouth.cfe.proto.common.v1.CallerContext;
import uk.portsmouth.cfe.proto.fsp.v1.FindSignedInProfessionalRequest;
import uk.portsmouth.cfe.proto.fsp.v1.Professional;
import uk.portsmouth.cfe.proto.fsp.v1.SaveProfessionalRequest;

/**
 * The directory of professionals finding a person who signed in through an identity provider: by
 * the sign-in it holds for them first, else by the email the provider vouches for; nobody else, and
 * only a signed-in professional asks.
 */
class ProfessionalsTest {

    private static final String ENTRA = "https://login.microsoftonline.com/tenant/v2.0";
    private static final CallerContext PERSON = AsCaller.of("oid-1", List.of(Roles.PROFESSIONAL));
    private static final CallerContext MANAGER = AsCaller.of("manager", List.of(Roles.EARLY_HELP_MANAGER));

    private EmbeddedMongo mongo;
    private MongoClient client;
    private Professionals professionals;

    @BeforeEach
    void start() {
        mongo = EmbeddedMongo.inMemory();
        client = MongoClients.create(mongo.uri());
        MongoDatabase database = client.getDatabase("fsp");
        professionals = new Professionals(
                new ProfessionalStore(database), new AuditLog(database, "test", new TestClock(Instant.now())));
        save(professional("prof-1", "Sam.Patel@Demo.example").addSignIns(ENTRA + " oid-1"));
        save(professional("prof-2", "jo.carter@demo.example"));
    }

    @AfterEach
    void stop() {
        client.close();
        mongo.close();
    }

    private static Professional.Builder professional(String id, String email) {
        return Professional.newBuilder()
                .setProfessionalId(id)
                .setName("Name " + id)
                .setRole("Role")
                .setAgency("Agency")
                .setEmail(email);
    }

    private void save(Professional.Builder professional) {
        AsCaller.call(
                MANAGER,
                () -> professionals.saveProfessional(SaveProfessionalRequest.newBuilder()
                        .setProfessional(professional)
                        .build()));
    }

    private String find(CallerContext caller, String signIn, String verifiedEmail) {
        return AsCaller.call(
                        caller,
                        () -> professionals.findSignedInProfessional(FindSignedInProfessionalRequest.newBuilder()
                                .setSignIn(signIn)
                                .setVerifiedEmail(verifiedEmail)
                                .build()))
                .getProfessionalId();
    }

    @Test
    void bySignInFirstThenByTheVouchedForEmailInAnyCase() {
        assertThat(find(PERSON, ENTRA + " oid-1", "jo.carter@demo.example"), is("prof-1"));
        assertThat(find(PERSON, ENTRA + " oid-2", "JO.CARTER@demo.example"), is("prof-2"));
        assertThat(find(PERSON, ENTRA + " oid-3", "sam.patel@demo.example"), is("prof-1"));
        assertThrows(NotFoundException.class, () -> find(PERSON, ENTRA + " oid-4", ""));
        assertThrows(NotFoundException.class, () -> find(PERSON, ENTRA + " oid-4", "someone@demo.example"));
        // another issuer's subject of the same value is another person
        assertThrows(NotFoundException.class, () -> find(PERSON, "https://keycloak.example/realms/x oid-1", ""));
    }

    @Test
    void onlyASignedInProfessionalAsks() {
        for (CallerContext other : List.of(
                MANAGER, AsCaller.of("school", List.of(Roles.SCHOOL), "100001"), AsCaller.of("anonymous", List.of()))) {
            assertThrows(ForbiddenException.class, () -> find(other, ENTRA + " oid-1", ""), other.getSubject());
        }
    }

    @Test
    void aSignInIsAnIssuerAndASubject() {
        InvalidInputException refused = assertThrows(
                InvalidInputException.class,
                () -> save(professional("prof-3", "x@demo.example").addSignIns("oid-9")));
        assertThat(refused.errors().get(0).field(), is("/sign_ins/0"));
    }
}
