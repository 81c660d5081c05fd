package uk.portsmouth.cfe.gateway.schools;

import com.fasterxml.jackson.databind.JsonNode;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import uk.portsmouth.cfe.gateway.auth.Authenticator;
import uk.portsmouth.cfe.gateway.http.Json;
import uk.portsmouth.cfe.gateway.http.Problems;
import uk.portsmouth.cfe.gateway.http.QueryParams;
import uk.portsmouth.cfe.gateway.http.RequestBodies;
import uk.portsmouth.cfe.platform.errors.FieldError;
import uk.portsmouth.cfe.proto.attendance.v1.AttendanceServiceGrpc.AttendanceServiceBlockingStub;
import uk.portsmouth.cfe.proto.attendance.v1.GetAttendanceSummaryRequest;
import uk.portsmouth.cfe.proto.attendance.v1.GetPupilAttendanceRequest;
import uk.portsmouth.cfe.proto.attendance.v1.ListSevereAbsenceRequest;
import uk.portsmouth.cfe.proto.attendance.v1.Mark;
import uk.portsmouth.cfe.proto.attendance.v1.MarkError;
import uk.portsmouth.cfe.proto.attendance.v1.RequestSevereAbsenceMeetingRequest;
import uk.portsmouth.cfe.proto.attendance.v1.SevereAbsenceMeetingReply;
import uk.portsmouth.cfe.proto.attendance.v1.SubmitMarksReply;
import uk.portsmouth.cfe.proto.attendance.v1.SubmitMarksRequest;

/**
 * {@code /v1/schools/{urn}/attendance}: a school's marks (JSON or CSV batches), a pupil's
 * attendance, the school's summary and severe absence, and a Severely Absent Meeting asked for; the
 * school itself or the LA.
 */
public final class SchoolAttendanceRoutes implements HttpService {
    /** Where the gateway mounts these routes (docs/architecture.md, "Route index"). */
    public static final String PREFIX = "/v1/schools/{urn}/attendance";

    private static final List<String> CSV_COLUMNS = List.of("upn", "date", "session", "code", "comment");

    private final AttendanceServiceBlockingStub attendance;
    private final Authenticator authenticator;
    private final RequestBodies bodies;
    private final long maxMarksBytes;
    private final Duration marksDeadline;

    public SchoolAttendanceRoutes(
            AttendanceServiceBlockingStub attendance,
            Authenticator authenticator,
            RequestBodies bodies,
            long maxMarksBytes,
            Duration marksDeadline) {
        this.attendance = attendance;
        this.authenticator = authenticator;
        this.bodies = bodies;
        this.maxMarksBytes = maxMarksBytes;
        this.marksDeadline = marksDeadline;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/marks", this::submitMarks)
                .get("/pupils/{upn}", this::pupilAttendance)
                .get("/summary", this::schoolSummary)
                .get("/severe-absence", this::severeAbsence)
                .post("/severe-absence/meeting", this::requestMeeting);
    }

    /** A batch of marks as JSON ({"marks": [...]}) or CSV (header upn,date,session,code[,comment]). */
    private void submitMarks(ServerRequest req, ServerResponse res) {
        AttendanceServiceBlockingStub stub = authenticator.forSchool(attendance, req, urn(req));
        String contentType =
                req.headers().first(HeaderNames.CONTENT_TYPE).orElse("").toLowerCase();
        boolean csv = contentType.startsWith("text/csv");
        if (!csv && !RequestBodies.isJson(req)) {
            throw Problems.unsupportedMediaType("application/json or text/csv");
        }
        byte[] bytes = bodies.readBulk(req, maxMarksBytes);
        List<Mark> marks = csv ? csvMarks(bytes) : jsonMarks(bodies.validatedJson(bytes, "MarksInput"));
        SubmitMarksReply reply = stub.withDeadlineAfter(marksDeadline.toMillis(), TimeUnit.MILLISECONDS)
                .submitMarks(SubmitMarksRequest.newBuilder()
                        .setUrn(urn(req))
                        .addAllMarks(marks)
                        .build());
        if (!reply.getAccepted()) {
            List<FieldError> errors = new ArrayList<>();
            for (MarkError error : reply.getErrorsList()) {
                errors.add(new FieldError(
                        error.getIndex() < 0 ? "/marks" : "/marks/" + error.getIndex() + "/" + error.getField(),
                        error.getReason()));
            }
            long badMarks = reply.getErrorsList().stream()
                    .filter(e -> e.getIndex() >= 0)
                    .map(MarkError::getIndex)
                    .distinct()
                    .count();
            throw Problems.invalid(
                    badMarks == 0
                            ? "The batch cannot be recorded; nothing was written"
                            : badMarks + " of the " + marks.size() + " marks cannot be recorded ("
                                    + reply.getErrorsCount() + " problems); nothing was written",
                    errors);
        }
        Json.send(req, res, Status.OK_200, Json.proto(reply), null);
    }

    /** The marks of a body the schema has checked (field by field: a batch is up to 10,000 marks). */
    private static List<Mark> jsonMarks(JsonNode body) {
        List<Mark> marks = new ArrayList<>();
        body.path("marks")
                .forEach(m -> marks.add(Mark.newBuilder()
                        .setUpn(m.path("upn").asText())
                        .setDate(m.path("date").asText())
                        .setSession(m.path("session").asText())
                        .setCode(m.path("code").asText())
                        .setComment(m.path("comment").asText(""))
                        .build()));
        return marks;
    }

    /** CSV rows as marks; a row's index is its place among the data rows, from 0, as in JSON. */
    private static List<Mark> csvMarks(byte[] bytes) {
        CSVFormat format = CSVFormat.RFC4180
                .builder()
                .setHeader()
                .setSkipHeaderRecord(true)
                .setIgnoreSurroundingSpaces(true)
                .get();
        try (CSVParser parser = CSVParser.parse(new StringReader(new String(bytes, StandardCharsets.UTF_8)), format)) {
            List<String> header = parser.getHeaderNames();
            List<FieldError> errors = new ArrayList<>();
            for (String column : CSV_COLUMNS.subList(0, 4)) {
                if (!header.contains(column)) {
                    errors.add(new FieldError("/header", "the header row needs a " + column + " column"));
                }
            }
            header.stream()
                    .filter(h -> !CSV_COLUMNS.contains(h))
                    .forEach(h -> errors.add(new FieldError(
                            "/header", "unknown column " + h + " (columns: " + String.join(",", CSV_COLUMNS) + ")")));
            if (!errors.isEmpty()) {
                throw Problems.invalid("The CSV header is not valid", errors);
            }
            List<Mark> marks = new ArrayList<>();
            for (CSVRecord row : parser) {
                if (!row.isConsistent()) {
                    errors.add(new FieldError(
                            "/marks/" + marks.size(),
                            "line " + parser.getCurrentLineNumber() + " has " + row.size() + " columns; the header has "
                                    + header.size()));
                }
                if (row.size() < 4) {
                    marks.add(Mark.getDefaultInstance());
                    continue;
                }
                marks.add(Mark.newBuilder()
                        .setUpn(row.get("upn"))
                        .setDate(row.get("date"))
                        .setSession(row.get("session"))
                        .setCode(row.get("code"))
                        .setComment(row.isMapped("comment") && row.isSet("comment") ? row.get("comment") : "")
                        .build());
            }
            if (!errors.isEmpty()) {
                throw Problems.invalid("Some CSV rows do not fit the header; nothing was written", errors);
            }
            return marks;
        } catch (IOException | IllegalStateException | IllegalArgumentException | UncheckedIOException e) {
            // e.g. a header with an empty or repeated column name
            throw Problems.invalid(
                    "The body is not valid CSV", List.of(new FieldError("/header", String.valueOf(e.getMessage()))));
        }
    }

    private void pupilAttendance(ServerRequest req, ServerResponse res) {
        Json.ok(
                req,
                res,
                Json.proto(authenticator
                        .forSchool(attendance, req, urn(req))
                        .getPupilAttendance(GetPupilAttendanceRequest.newBuilder()
                                .setUrn(urn(req))
                                .setUpn(req.path().pathParameters().get("upn"))
                                .setRange(QueryParams.dateRange(req))
                                .build())));
    }

    private void schoolSummary(ServerRequest req, ServerResponse res) {
        Json.ok(
                req,
                res,
                Json.report(authenticator
                        .forSchool(attendance, req, urn(req))
                        .getAttendanceSummary(GetAttendanceSummaryRequest.newBuilder()
                                .setUrn(urn(req))
                                .setRange(QueryParams.dateRange(req))
                                .build())));
    }

    private void severeAbsence(ServerRequest req, ServerResponse res) {
        Json.ok(
                req,
                res,
                Json.proto(authenticator
                        .forSchool(attendance, req, urn(req))
                        .listSevereAbsence(ListSevereAbsenceRequest.newBuilder()
                                .setUrn(urn(req))
                                .setRange(QueryParams.dateRange(req))
                                .build())));
    }

    /** Asks for the school's termly Severely Absent Meeting with the pupils severely absent this year. */
    private void requestMeeting(ServerRequest req, ServerResponse res) {
        AttendanceServiceBlockingStub stub = authenticator.forSchool(attendance, req, urn(req));
        RequestSevereAbsenceMeetingRequest request = Json.toProto(
                        bodies.read(req, "SevereAbsenceMeetingInput"), RequestSevereAbsenceMeetingRequest.newBuilder())
                .setUrn(urn(req))
                .build();
        SevereAbsenceMeetingReply meeting = stub.requestSevereAbsenceMeeting(request);
        Json.created(req, res, "/v1/meetings/" + meeting.getMeetingId(), Json.proto(meeting), null);
    }

    private static String urn(ServerRequest req) {
        return req.path().pathParameters().get("urn");
    }
}
