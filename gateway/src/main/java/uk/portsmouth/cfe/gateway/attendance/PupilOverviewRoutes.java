package uk.portsmouth.cfe.gateway.attendance;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.Message;
import io.grpc.StatusRuntimeException;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import uk.portsmouth.cfe.gateway.auth.Authenticator;
import uk.portsmouth.cfe.gateway.http.Json;
import uk.portsmouth.cfe.gateway.http.Problems;
import uk.portsmouth.cfe.platform.time.CityTime;
import uk.portsmouth.cfe.proto.attendance.v1.AttendanceServiceGrpc.AttendanceServiceBlockingStub;
import uk.portsmouth.cfe.proto.attendance.v1.CaseworkServiceGrpc.CaseworkServiceBlockingStub;
import uk.portsmouth.cfe.proto.attendance.v1.GetAttendanceSummaryRequest;
import uk.portsmouth.cfe.proto.attendance.v1.GetPupilAttendanceRequest;
import uk.portsmouth.cfe.proto.attendance.v1.ListCaseworkRequest;
import uk.portsmouth.cfe.proto.common.v1.PageRequest;
import uk.portsmouth.cfe.proto.contacts.v1.ListMeetingsRequest;
import uk.portsmouth.cfe.proto.contacts.v1.ListPupilMeetingsRequest;
import uk.portsmouth.cfe.proto.contacts.v1.MeetingsServiceGrpc.MeetingsServiceBlockingStub;
import uk.portsmouth.cfe.proto.fsp.v1.FamilySupportPlansGrpc.FamilySupportPlansBlockingStub;
import uk.portsmouth.cfe.proto.fsp.v1.PlanInvolvement;
import uk.portsmouth.cfe.proto.fsp.v1.PlanInvolvementRequest;

/**
 * The guide's Vulnerable Tracking Portal, for the school itself and the LA:
 * {@code GET /v1/schools/{urn}/pupils/{upn}/overview} (one pupil) and
 * {@code GET /v1/schools/{urn}/overview} (the school's counts). Each section comes from the
 * service that owns it, asked in parallel with a deadline; a section whose service does not answer
 * is {@code {"available": false}} and the rest still answers. Every service audits its part.
 */
public final class PupilOverviewRoutes implements HttpService {

    /** The portal's items the platform does not hold yet, named so no one mistakes absence for "none". */
    static final List<String> NOT_YET_HELD = List.of(
            "SEND register (SEN support status is on the roll; EHCP only as 'the FSP supports an EHCP application')",
            "suspensions and permanent exclusions",
            "Youth Justice Service involvement",
            "children's social care (child in need, child protection, looked after)");

    private final AttendanceServiceBlockingStub attendance;
    private final CaseworkServiceBlockingStub casework;
    private final FamilySupportPlansBlockingStub plans;
    private final MeetingsServiceBlockingStub meetings;
    private final Authenticator authenticator;
    private final ExecutorService fanOut = Executors.newVirtualThreadPerTaskExecutor();

    public PupilOverviewRoutes(
            AttendanceServiceBlockingStub attendance,
            CaseworkServiceBlockingStub casework,
            FamilySupportPlansBlockingStub plans,
            MeetingsServiceBlockingStub meetings,
            Authenticator authenticator) {
        this.attendance = attendance;
        this.casework = casework;
        this.plans = plans;
        this.meetings = meetings;
        this.authenticator = authenticator;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/{urn}/pupils/{upn}/overview", this::pupil).get("/{urn}/overview", this::school);
    }

    private void pupil(ServerRequest req, ServerResponse res) {
        String urn = req.path().pathParameters().get("urn");
        String upn = req.path().pathParameters().get("upn");
        // refused before anything is asked: the school itself or the LA
        AttendanceServiceBlockingStub asCaller = authenticator.forSchool(attendance, req, urn);
        Map<String, CompletableFuture<Object>> sections = new LinkedHashMap<>();
        sections.put(
                "attendance",
                section(() -> asCaller.withDeadlineAfter(5, TimeUnit.SECONDS)
                        .getPupilOverview(GetPupilAttendanceRequest.newBuilder()
                                .setUrn(urn)
                                .setUpn(upn)
                                .build())));
        sections.put("family_support_plan", section(() -> {
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
                section(() -> authenticator
                        .forSchool(meetings, req, urn)
                        .withDeadlineAfter(5, TimeUnit.SECONDS)
                        .listPupilMeetings(ListPupilMeetingsRequest.newBuilder()
                                .setUrn(urn)
                                .setUpn(upn)
                                .build())));
        Map<String, Object> body = answers(sections);
        body.put("not_yet_held", NOT_YET_HELD);
        Json.ok(req, res, Json.write(body));
    }

    private void school(ServerRequest req, ServerResponse res) {
        String urn = req.path().pathParameters().get("urn");
        AttendanceServiceBlockingStub asCaller = authenticator.forSchool(attendance, req, urn);
        PageRequest one = PageRequest.newBuilder().setPerPage(1).build();
        Map<String, CompletableFuture<Object>> sections = new LinkedHashMap<>();
        sections.put(
                "attendance",
                section(() -> asCaller.withDeadlineAfter(5, TimeUnit.SECONDS)
                        .getAttendanceSummary(GetAttendanceSummaryRequest.newBuilder()
                                .setUrn(urn)
                                .build())
                        .getOverall()));
        sections.put(
                "sap_referrals_open",
                section(() -> casework(req, urn, "referred", one)
                        + casework(req, urn, "accepted", one)
                        + casework(req, urn, "panel_scheduled", one)));
        sections.put("legal_action_requests_awaiting_decision", section(() -> legalActions(req, urn, one)));
        sections.put("severe_absence_meetings_upcoming", section(() -> upcomingMeetings(req, urn, one)));
        Map<String, Object> body = answers(sections);
        body.put("not_yet_held", NOT_YET_HELD);
        Json.ok(req, res, Json.write(body));
    }

    private int casework(ServerRequest req, String urn, String status, PageRequest one) {
        return authenticator
                .forSchool(casework, req, urn)
                .withDeadlineAfter(5, TimeUnit.SECONDS)
                .listSapReferrals(ListCaseworkRequest.newBuilder()
                        .setUrn(urn)
                        .setStatus(status)
                        .setPage(one)
                        .build())
                .getPage()
                .getTotalItems();
    }

    /** The school's Severely Absent Meetings from today (none before its first is scheduled). */
    private int upcomingMeetings(ServerRequest req, String urn, PageRequest one) {
        try {
            return authenticator
                    .forSchool(meetings, req, urn)
                    .withDeadlineAfter(5, TimeUnit.SECONDS)
                    .listMeetings(ListMeetingsRequest.newBuilder()
                            .setSeriesId("severely-absent-meetings-" + urn)
                            .setFrom(CityTime.today(Clock.systemUTC()).toString())
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
                        .setStatus("requested")
                        .setPage(one)
                        .build())
                .getPage()
                .getTotalItems();
    }

    private CompletableFuture<Object> section(Supplier<Object> ask) {
        return CompletableFuture.supplyAsync(ask, fanOut);
    }

    /**
     * Each section's answer; a service that did not answer leaves its section unavailable, but a
     * refusal or a missing pupil is the answer to the whole request.
     */
    private static Map<String, Object> answers(Map<String, CompletableFuture<Object>> sections) {
        Map<String, Object> body = new LinkedHashMap<>();
        for (Map.Entry<String, CompletableFuture<Object>> section : sections.entrySet()) {
            try {
                Object value = section.getValue().join();
                body.put(section.getKey(), value instanceof Message message ? Json.tree(message) : value);
            } catch (CompletionException e) {
                if (e.getCause() instanceof StatusRuntimeException grpc && !unavailable(grpc)) {
                    throw Problems.from(grpc);
                }
                if (!(e.getCause() instanceof StatusRuntimeException)) {
                    throw e;
                }
                body.put(section.getKey(), Map.of("available", false));
            }
        }
        return body;
    }

    private static boolean unavailable(StatusRuntimeException error) {
        return switch (error.getStatus().getCode()) {
            case UNAVAILABLE, DEADLINE_EXCEEDED, CANCELLED -> true;
            default -> false;
        };
    }
}
