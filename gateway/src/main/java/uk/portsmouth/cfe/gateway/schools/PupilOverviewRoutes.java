package uk.portsmouth.cfe.gateway.schools;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import uk.portsmouth.cfe.gateway.auth.Authenticator;
import uk.portsmouth.cfe.gateway.http.Json;
import uk.portsmouth.cfe.proto.attendance.v1.AttendanceServiceGrpc.AttendanceServiceBlockingStub;
import uk.portsmouth.cfe.proto.attendance.v1.GetPupilAttendanceRequest;
import uk.portsmouth.cfe.proto.contacts.v1.ListPupilMeetingsRequest;
import uk.portsmouth.cfe.proto.contacts.v1.MeetingsServiceGrpc.MeetingsServiceBlockingStub;
import uk.portsmouth.cfe.proto.fsp.v1.FamilySupportPlansGrpc.FamilySupportPlansBlockingStub;
import uk.portsmouth.cfe.proto.fsp.v1.PlanInvolvement;
import uk.portsmouth.cfe.proto.fsp.v1.PlanInvolvementRequest;

/**
 * {@code /v1/schools/{urn}/pupils/{upn}/overview}: one pupil in the guide's Vulnerable Tracking
 * Portal (attendance, Family Support Plan involvement, Severely Absent Meetings), each section asked
 * of its service at once ({@link Overviews}); the school itself or the LA.
 */
public final class PupilOverviewRoutes implements HttpService {
    /** Where the gateway mounts these routes (docs/architecture.md, "Route index"). */
    public static final String PREFIX = "/v1/schools/{urn}/pupils/{upn}/overview";

    private final AttendanceServiceBlockingStub attendance;
    private final FamilySupportPlansBlockingStub plans;
    private final MeetingsServiceBlockingStub meetings;
    private final Authenticator authenticator;
    private final Overviews overviews = new Overviews();

    public PupilOverviewRoutes(
            AttendanceServiceBlockingStub attendance,
            FamilySupportPlansBlockingStub plans,
            MeetingsServiceBlockingStub meetings,
            Authenticator authenticator) {
        this.attendance = attendance;
        this.plans = plans;
        this.meetings = meetings;
        this.authenticator = authenticator;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", this::pupil);
    }

    private void pupil(ServerRequest req, ServerResponse res) {
        String urn = req.path().pathParameters().get("urn");
        String upn = req.path().pathParameters().get("upn");
        // refused before anything is asked: the school itself or the LA
        AttendanceServiceBlockingStub asCaller = authenticator.forSchool(attendance, req, urn);
        Map<String, CompletableFuture<Object>> sections = new LinkedHashMap<>();
        sections.put(
                "attendance",
                overviews.section(() -> asCaller.withDeadlineAfter(5, TimeUnit.SECONDS)
                        .getPupilOverview(GetPupilAttendanceRequest.newBuilder()
                                .setUrn(urn)
                                .setUpn(upn)
                                .build())));
        sections.put("family_support_plan", overviews.section(() -> {
            PlanInvolvement involvement = authenticator
                    .forSchool(plans, req, urn)
                    .withDeadlineAfter(5, TimeUnit.SECONDS)
                    .getPlanInvolvement(PlanInvolvementRequest.newBuilder()
                            .setUpn(upn)
                            .setUrn(urn)
                            .build());
            // has_plan always said (false too): it tells this section from an unavailable one
            return ((ObjectNode) Json.tree(involvement)).put("has_plan", involvement.getHasPlan());
        }));
        sections.put(
                "severe_absence_meetings",
                overviews.section(() -> authenticator
                        .forSchool(meetings, req, urn)
                        .withDeadlineAfter(5, TimeUnit.SECONDS)
                        .listPupilMeetings(ListPupilMeetingsRequest.newBuilder()
                                .setUrn(urn)
                                .setUpn(upn)
                                .build())));
        Map<String, Object> body = Overviews.answers(sections);
        body.put("not_yet_held", Overviews.NOT_YET_HELD);
        Json.ok(req, res, Json.write(body));
    }
}
