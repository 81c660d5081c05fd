package uk.portsmouth.cfe.fsp.app;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import uk.portsmouth.cfe.fsp.store.PlanStore;
import uk.portsmouth.cfe.platform.audit.AuditLog;
import uk.portsmouth.cfe.platform.audit.AuditSubjects;
import uk.portsmouth.cfe.platform.errors.ForbiddenException;
import uk.portsmouth.cfe.platform.errors.InvalidInputException;
import uk.portsmouth.cfe.platform.grpc.AsCaller;
import uk.portsmouth.cfe.platform.mongo.EmbeddedMongo;
import uk.portsmouth.cfe.platform.proto.Dates;
import uk.portsmouth.cfe.platform.reference.Roles;
import uk.portsmouth.cfe.platform.testing.TestClock;
import uk.portsmouth.cfe.platform.testing.TestDates;
import uk.portsmouth.cfe.proto.common.v1.CallerContext;
import uk.portsmouth.cfe.proto.fsp.v1.CaseloadEntry;
import uk.portsmouth.cfe.proto.fsp.v1.CaseloadRole;
import uk.portsmouth.cfe.proto.fsp.v1.Child;
import uk.portsmouth.cfe.proto.fsp.v1.Family;
import uk.portsmouth.cfe.proto.fsp.v1.ListCaseloadRequest;
import uk.portsmouth.cfe.proto.fsp.v1.ListReviewsDueRequest;
import uk.portsmouth.cfe.proto.fsp.v1.Plan;
import uk.portsmouth.cfe.proto.fsp.v1.PlanStatus;
import uk.portsmouth.cfe.proto.fsp.v1.Professional;

/**
 * The caseload use cases on their own (no server; the store in memory, the clock the test's): whose
 * caseload holds what, who has none, the filters refused by name, overdue as of the test's day, and
 * every read audited.
 */
class CaseloadsTest {

    private EmbeddedMongo mongo;
    private MongoClient client;
    private AuditLog audit;
    private Caseloads caseloads;

    private static CallerContext professional(String id) {
        return AsCaller.of(id, List.of(Roles.PROFESSIONAL)).toBuilder()
                .setProfessionalId(id)
                .build();
    }

    @BeforeEach
    void start() {
        mongo = EmbeddedMongo.inMemory();
        client = MongoClients.create(mongo.uri());
        MongoDatabase database = client.getDatabase("fsp");
        PlanStore plans = new PlanStore(database);
        for (String[] p : new String[][] {{"fsp-1", "lp-1", "2026-11-20"}, {"fsp-2", "lp-2", "2027-01-15"}}) {
            plans.insert(
                    Plan.newBuilder()
                            .setId(p[0])
                            .setStatus(PlanStatus.PLAN_STATUS_ACTIVE)
                            .setTier(2)
                            .setCoordinator(Professional.newBuilder()
                                    .setProfessionalId(p[1])
                                    .setName(p[1]))
                            .setFamily(Family.newBuilder()
                                    .setFamilyName("Family " + p[0])
                                    .addChildren(Child.newBuilder()
                                            .setGivenName("Sam")
                                            .setDateOfBirth(Dates.of(LocalDate.of(2016, 5, 1)))))
                            .setNextReviewDue(TestDates.date(p[2]))
                            .build(),
                    "test");
        }
        TestClock clock = new TestClock(Instant.parse("2026-12-01T09:00:00Z"));
        audit = new AuditLog(database, "test", clock);
        caseloads = new Caseloads(plans, audit, clock);
    }

    @AfterEach
    void stop() {
        client.close();
        mongo.close();
    }

    private List<String> caseloadOf(CallerContext caller, ListCaseloadRequest request) {
        return AsCaller.call(caller, () -> caseloads.listCaseload(request)).getContentsList().stream()
                .map(CaseloadEntry::getPlanId)
                .toList();
    }

    @Test
    void aProfessionalSeesTheirOwnPlansAManagerEveryPlan() {
        ListCaseloadRequest all = ListCaseloadRequest.getDefaultInstance();
        assertThat(caseloadOf(professional("lp-1"), all), is(List.of("fsp-1")));
        assertThat(
                caseloadOf(AsCaller.of("manager", List.of(Roles.EARLY_HELP_MANAGER)), all),
                is(List.of("fsp-1", "fsp-2")));
        CaseloadEntry entry = AsCaller.call(professional("lp-1"), () -> caseloads.listCaseload(all))
                .getContents(0);
        assertThat("overdue as of the test's day", entry.getReviewOverdue(), is(true));
        assertThat(entry.getMyRole(), is(CaseloadRole.CASELOAD_ROLE_COORDINATOR));
        assertThat(audit.count(AuditSubjects.plan("fsp-1")), is(3L));
    }

    @Test
    void noOneElseHasACaseload() {
        for (CallerContext other : List.of(
                AsCaller.of("school", List.of(Roles.SCHOOL), "100001"),
                AsCaller.of("officer", List.of(Roles.LA_OFFICER)),
                AsCaller.of("anonymous", List.of()))) {
            assertThrows(
                    ForbiddenException.class,
                    () -> caseloadOf(other, ListCaseloadRequest.getDefaultInstance()),
                    other.getSubject());
        }
    }

    @Test
    void aFilterOutsideItsSetIsRefusedByName() {
        CallerContext lp = professional("lp-1");
        InvalidInputException tier = assertThrows(
                InvalidInputException.class,
                () -> caseloadOf(lp, ListCaseloadRequest.newBuilder().setTier(4).build()));
        assertThat(tier.errors().get(0).field(), is("tier"));
        assertThrows(
                InvalidInputException.class,
                () -> caseloadOf(
                        lp, ListCaseloadRequest.newBuilder().setStatusValue(99).build()));
        assertThrows(
                InvalidInputException.class,
                () -> AsCaller.call(
                        lp,
                        () -> caseloads.listReviewsDue(ListReviewsDueRequest.newBuilder()
                                .setWithinDays(400)
                                .build())));
        assertThat(
                "within 14 days by default: the overdue one",
                AsCaller.call(lp, () -> caseloads.listReviewsDue(ListReviewsDueRequest.getDefaultInstance()))
                        .getContentsCount(),
                is(1));
    }
}
