package uk.portsmouth.cfe.fsp.grpc;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import uk.portsmouth.cfe.fsp.Main;
import uk.portsmouth.cfe.platform.grpc.CallerContexts;
import uk.portsmouth.cfe.platform.mongo.EmbeddedMongo;
import uk.portsmouth.cfe.platform.service.ServiceHost;
import uk.portsmouth.cfe.platform.telemetry.Telemetry;
import uk.portsmouth.cfe.platform.testing.TestTrust;
import uk.portsmouth.cfe.proto.common.v1.CallerContext;
import uk.portsmouth.cfe.proto.fsp.v1.FamilySupportPlanLookupGrpc;
import uk.portsmouth.cfe.proto.fsp.v1.FamilySupportPlansGrpc;
import uk.portsmouth.cfe.proto.fsp.v1.FamilySupportPlansGrpc.FamilySupportPlansBlockingStub;
import uk.portsmouth.cfe.proto.fsp.v1.HasOpenPlanRequest;
import uk.portsmouth.cfe.proto.fsp.v1.ListCaseloadRequest;
import uk.portsmouth.cfe.proto.fsp.v1.PlanRef;
import uk.portsmouth.cfe.proto.fsp.v1.PlanStatus;
import uk.portsmouth.cfe.proto.fsp.v1.SuggestedServices;

/**
 * The FSP service over a real gRPC channel with its demo plans, its directory missing (a port
 * nobody listens on): plans still load and suggestions say they are unavailable; the open-plan
 * lookup answers the attendance service only; every read, refused ones too, is audited.
 */
class FamilySupportPlansGrpcServiceTest {

    private static final CallerContext LEAD = CallerContext.newBuilder()
            .setSubject("lead")
            .addRoles("professional")
            .setProfessionalId("prof-demo-001")
            .build();
    private static final CallerContext STRANGER = CallerContext.newBuilder()
            .setSubject("stranger")
            .addRoles("professional")
            .setProfessionalId("prof-other")
            .build();
    private static final CallerContext SCHOOL = CallerContext.newBuilder()
            .setSubject("mis")
            .addRoles("school")
            .addSchoolUrns("116000")
            .build();
    private static final CallerContext CLAIMS_TO_BE_ATTENDANCE = CallerContext.newBuilder()
            .setSubject("attendance-service")
            .addRoles("attendance_service")
            .build();

    private static EmbeddedMongo mongo;
    private static ServiceHost host;
    private static ManagedChannel channel;
    private static MongoClient client;
    private static MongoCollection<Document> audit;

    @BeforeAll
    static void start() throws Exception {
        mongo = EmbeddedMongo.inMemory();
        int nobody = uk.portsmouth.cfe.platform.service.FreePorts.next();
        host = Main.start(
                TestTrust.serviceConfig(
                        Main.NAME,
                        true,
                        Map.of("mongodb.uri", mongo.uri(), "services.directory.target", "127.0.0.1:" + nobody)),
                Telemetry.noop(),
                Clock.fixed(Instant.parse("2026-11-28T10:00:00Z"), ZoneOffset.UTC));
        channel = TestTrust.asGateway(host.grpcTarget(), Main.NAME);
        client = MongoClients.create(mongo.uri());
        audit = client.getDatabase("cfe_fsp").getCollection("audit");
    }

    @AfterAll
    static void stop() throws Exception {
        client.close();
        channel.shutdownNow();
        host.close();
        mongo.close();
    }

    private static FamilySupportPlansBlockingStub as(CallerContext caller) {
        return CallerContexts.attach(FamilySupportPlansGrpc.newBlockingStub(channel), caller);
    }

    @Test
    void withoutTheDirectoryThePlanLoadsAndSuggestionsSaySo() {
        assertThat(
                as(LEAD).getPlan(PlanRef.newBuilder().setId("fsp-demo-overdue").build())
                        .getPlan()
                        .getStatus(),
                is(PlanStatus.PLAN_STATUS_ACTIVE));
        SuggestedServices suggestions = as(LEAD).suggestServices(
                        PlanRef.newBuilder().setId("fsp-demo-overdue").build());
        assertThat(suggestions.getAvailable(), is(false));
        assertThat(suggestions.getUnavailableReason(), containsString("did not answer"));
    }

    @Test
    void theOpenPlanLookupAnswersTheAttendanceServiceOnly() {
        var lookup = FamilySupportPlanLookupGrpc.newBlockingStub(channel);
        ManagedChannel asAttendance = TestTrust.as("attendance-service", host.grpcTarget(), Main.NAME);
        ManagedChannel asDirectory = TestTrust.as("directory-service", host.grpcTarget(), Main.NAME);
        try {
            var attendance = FamilySupportPlanLookupGrpc.newBlockingStub(asAttendance);
            HasOpenPlanRequest tyler =
                    HasOpenPlanRequest.newBuilder().setUpn("B801200005001").build();
            assertThat(attendance.hasOpenPlan(tyler).getOpenPlan(), is(true));
            assertThat(
                    attendance
                            .hasOpenPlan(HasOpenPlanRequest.newBuilder()
                                    .setUpn("P851200012345")
                                    .build())
                            .getOpenPlan(),
                    is(false));
            // users (even one whose token claims the old service role) and other services are refused
            for (CallerContext caller :
                    new CallerContext[] {LEAD, SCHOOL, CallerContexts.ANONYMOUS, CLAIMS_TO_BE_ATTENDANCE}) {
                StatusRuntimeException refused = assertThrows(
                        StatusRuntimeException.class,
                        () -> CallerContexts.attach(lookup, caller).hasOpenPlan(tyler));
                assertThat(refused.getStatus().getCode(), is(Status.Code.PERMISSION_DENIED));
            }
            StatusRuntimeException other = assertThrows(
                    StatusRuntimeException.class,
                    () -> FamilySupportPlanLookupGrpc.newBlockingStub(asDirectory)
                            .hasOpenPlan(tyler));
            assertThat(other.getStatus().getCode(), is(Status.Code.PERMISSION_DENIED));
            StatusRuntimeException bad = assertThrows(
                    StatusRuntimeException.class,
                    () -> attendance.hasOpenPlan(
                            HasOpenPlanRequest.newBuilder().setUpn("nonsense").build()));
            assertThat(bad.getStatus().getCode(), is(Status.Code.INVALID_ARGUMENT));
        } finally {
            asAttendance.shutdownNow();
            asDirectory.shutdownNow();
        }
    }

    @Test
    void everyReadIsAuditedAndARefusedOneToo() {
        long before = audit.countDocuments(
                new Document("subjects", new Document("kind", "plan").append("id", "fsp-demo-draft")));
        as(LEAD).getPlan(PlanRef.newBuilder().setId("fsp-demo-draft").build());
        StatusRuntimeException hidden = assertThrows(
                StatusRuntimeException.class,
                () -> as(STRANGER)
                        .getPlan(PlanRef.newBuilder().setId("fsp-demo-draft").build()));
        assertThat(hidden.getStatus().getCode(), is(Status.Code.NOT_FOUND));
        assertThat(
                audit.countDocuments(
                        new Document("subjects", new Document("kind", "plan").append("id", "fsp-demo-draft"))),
                is(before + 2));
        assertThat(
                audit.countDocuments(
                        new Document("subjects", new Document("kind", "plan").append("id", "fsp-demo-draft"))
                                .append("caller", "stranger")
                                .append("outcome", "denied")),
                is(1L));
    }

    @Test
    void onlyProfessionalsAndManagersHaveACaseload() {
        StatusRuntimeException refused = assertThrows(
                StatusRuntimeException.class, () -> as(SCHOOL).listCaseload(ListCaseloadRequest.getDefaultInstance()));
        assertThat(refused.getStatus().getCode(), is(Status.Code.PERMISSION_DENIED));
        assertThat(
                as(STRANGER)
                        .listCaseload(ListCaseloadRequest.getDefaultInstance())
                        .getContentsCount(),
                is(0));
        // the demo draft, overdue and closed plans, and the plan closed seven years ago (due for retention)
        assertThat(
                as(LEAD).listCaseload(ListCaseloadRequest.getDefaultInstance()).getContentsCount(), is(4));
    }
}
