package uk.portsmouth.cfe.gateway.schools;

import io.grpc.StatusRuntimeException;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import uk.portsmouth.cfe.gateway.auth.Authenticator;
import uk.portsmouth.cfe.gateway.http.Json;
import uk.portsmouth.cfe.platform.proto.Dates;
import uk.portsmouth.cfe.platform.time.CityTime;
import uk.portsmouth.cfe.proto.attendance.v1.AttendanceServiceGrpc.AttendanceServiceBlockingStub;
import uk.portsmouth.cfe.proto.attendance.v1.CaseworkServiceGrpc.CaseworkServiceBlockingStub;
import uk.portsmouth.cfe.proto.attendance.v1.GetAttendanceSummaryRequest;
import uk.portsmouth.cfe.proto.attendance.v1.LegalActionStatus;
import uk.portsmouth.cfe.proto.attendance.v1.ListCaseworkRequest;
import uk.portsmouth.cfe.proto.attendance.v1.SapReferralStatus;
import uk.portsmouth.cfe.proto.common.v1.PageRequest;
import uk.portsmouth.cfe.proto.contacts.v1.ListMeetingsRequest;
import uk.portsmouth.cfe.proto.contacts.v1.MeetingsServiceGrpc.MeetingsServiceBlockingStub;

/**
 * {@code /v1/schools/{urn}/overview}: a school's counts in the guide's Vulnerable Tracking Portal
 * (attendance, open panel referrals, penalty-notice requests awaiting a decision, upcoming Severely
 * Absent Meetings), each asked of its service at once ({@link Overviews}); the school itself or the LA.
 */
public final class SchoolOverviewRoutes implements HttpService {
    /** Where the gateway mounts these routes (docs/architecture.md, "Route index"). */
    public static final String PREFIX = "/v1/schools/{urn}/overview";

    private final AttendanceServiceBlockingStub attendance;
    private final CaseworkServiceBlockingStub casework;
    private final MeetingsServiceBlockingStub meetings;
    private final Authenticator authenticator;
    private final Overviews overviews = new Overviews();

    public SchoolOverviewRoutes(
            AttendanceServiceBlockingStub attendance,
            CaseworkServiceBlockingStub casework,
            MeetingsServiceBlockingStub meetings,
            Authenticator authenticator) {
        this.attendance = attendance;
        this.casework = casework;
        this.meetings = meetings;
        this.authenticator = authenticator;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", this::school);
    }

    private void school(ServerRequest req, ServerResponse res) {
        String urn = req.path().pathParameters().get("urn");
        AttendanceServiceBlockingStub asCaller = authenticator.forSchool(attendance, req, urn);
        PageRequest one = PageRequest.newBuilder().setPerPage(1).build();
        Map<String, CompletableFuture<Object>> sections = new LinkedHashMap<>();
        sections.put(
                "attendance",
                overviews.section(() -> asCaller.withDeadlineAfter(5, TimeUnit.SECONDS)
                        .getAttendanceSummary(GetAttendanceSummaryRequest.newBuilder()
                                .setUrn(urn)
                                .build())
                        .getOverall()));
        sections.put(
                "sap_referrals_open",
                overviews.section(() -> casework(req, urn, SapReferralStatus.SAP_REFERRAL_STATUS_REFERRED, one)
                        + casework(req, urn, SapReferralStatus.SAP_REFERRAL_STATUS_ACCEPTED, one)
                        + casework(req, urn, SapReferralStatus.SAP_REFERRAL_STATUS_PANEL_SCHEDULED, one)));
        sections.put("legal_action_requests_awaiting_decision", overviews.section(() -> legalActions(req, urn, one)));
        sections.put("severe_absence_meetings_upcoming", overviews.section(() -> upcomingMeetings(req, urn, one)));
        Map<String, Object> body = Overviews.answers(sections);
        body.put("not_yet_held", Overviews.NOT_YET_HELD);
        Json.ok(req, res, Json.write(body));
    }

    /** The school's Severely Absent Meetings from today (none before its first is scheduled). */
    private int upcomingMeetings(ServerRequest req, String urn, PageRequest one) {
        try {
            return authenticator
                    .forSchool(meetings, req, urn)
                    .withDeadlineAfter(5, TimeUnit.SECONDS)
                    .listMeetings(ListMeetingsRequest.newBuilder()
                            .setSeriesId("severely-absent-meetings-" + urn)
                            .setFrom(Dates.of(CityTime.today(Clock.systemUTC())))
                            .setPage(one)
                            .build())
                    .getPage()
                    .getTotalItems();
        } catch (StatusRuntimeException e) {
            if (e.getStatus().getCode() == io.grpc.Status.Code.NOT_FOUND) {
                return 0;
            }
            throw e;
        }
    }

    private int legalActions(ServerRequest req, String urn, PageRequest one) {
        return authenticator
                .forSchool(casework, req, urn)
                .withDeadlineAfter(5, TimeUnit.SECONDS)
                .listLegalActions(ListCaseworkRequest.newBuilder()
                        .setUrn(urn)
                        .setLegalActionStatus(LegalActionStatus.LEGAL_ACTION_STATUS_REQUESTED)
                        .setPage(one)
                        .build())
                .getPage()
                .getTotalItems();
    }

    private int casework(ServerRequest req, String urn, SapReferralStatus status, PageRequest one) {
        return authenticator
                .forSchool(casework, req, urn)
                .withDeadlineAfter(5, TimeUnit.SECONDS)
                .listSapReferrals(ListCaseworkRequest.newBuilder()
                        .setUrn(urn)
                        .setSapReferralStatus(status)
                        .setPage(one)
                        .build())
                .getPage()
                .getTotalItems();
    }
}
