package uk.portsmouth.cfe.gateway;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static uk.portsmouth.cfe.gateway.TestPlatform.assertProblem;

import biweekly.Biweekly;
import biweekly.ICalVersion;
import biweekly.ICalendar;
import biweekly.ValidationWarnings;
import com.fasterxml.jackson.databind.JsonNode;
import io.grpc.ManagedChannel;
import java.io.StringReader;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.validate.ValidationResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import uk.portsmouth.cfe.platform.telemetry.Telemetry;
import uk.portsmouth.cfe.platform.testing.TestTrust;
import uk.portsmouth.cfe.proto.attendance.v1.School;
import uk.portsmouth.cfe.proto.common.v1.CallerContext;
import uk.portsmouth.cfe.proto.common.v1.Locality;
import uk.portsmouth.cfe.proto.contacts.v1.MeetingDetail;
import uk.portsmouth.cfe.proto.contacts.v1.MeetingsServiceGrpc;
import uk.portsmouth.cfe.proto.contacts.v1.ScheduleSevereAbsenceMeetingRequest;
import uk.portsmouth.cfe.proto.contacts.v1.SeverelyAbsentPupil;

/**
 * Meetings through the gateway: series, registrations, invitations, slots, minutes, feeds; restricted meetings
 * never leak.
 */
class MeetingsApiTest {

    private static TestPlatform platform;
    private static String officer;

    @BeforeAll
    static void start() {
        platform = TestPlatform.start(Telemetry.noop());
        officer = platform.token("officer");
    }

    @AfterAll
    static void stop() {
        platform.close();
    }

    private static List<String> ids(JsonNode page, String field) {
        List<String> ids = new ArrayList<>();
        page.get("contents").forEach(item -> ids.add(item.get(field).asText()));
        return ids;
    }

    /**
     * A feed as strict calendar clients read it: valid to ical4j's RFC 5545 validator and to
     * biweekly's (a second, independent reader), each event with one DTSTAMP, lines folded.
     */
    private static Calendar parse(String ics) throws Exception {
        Calendar calendar = new CalendarBuilder().build(new StringReader(ics));
        ValidationResult ical4j = calendar.validate();
        assertThat(ical4j.getEntries().toString(), ical4j.hasErrors(), is(false));
        List<ICalendar> read = Biweekly.parse(ics).all();
        assertThat(read.size(), is(1));
        ValidationWarnings biweekly = read.get(0).validate(ICalVersion.V2_0);
        // a feed with no meetings holds only the VTIMEZONE: RFC 5545 counts it as the one component a
        // calendar needs (ical4j agrees above), biweekly counts events only (its warning 4)
        boolean onlyNoEvents = biweekly.getWarnings().stream()
                .flatMap(group -> group.getWarnings().stream())
                .allMatch(w -> Integer.valueOf(4).equals(w.getCode()));
        assertThat(
                biweekly.toString(),
                biweekly.isEmpty()
                        || (onlyNoEvents && calendar.getComponents("VEVENT").isEmpty()),
                is(true));
        for (VEvent event : calendar.<VEvent>getComponents("VEVENT")) {
            assertThat(event.getProperties("DTSTAMP").size(), is(1));
        }
        for (String line : ics.split("\r\n")) {
            assertThat(line, line.getBytes(java.nio.charset.StandardCharsets.UTF_8).length <= 75, is(true));
        }
        return calendar;
    }

    @Test
    void seriesAndMeetingsForTheirAudience() {
        List<String> publicSeries = ids(TestPlatform.json(platform.get("/v1/meetings/series?per_page=100")), "id");
        assertThat(publicSeries, hasItem("school-attendance-network"));
        assertThat(publicSeries, not(hasItem("marac")));
        assertThat(
                ids(
                        TestPlatform.json(
                                platform.get("/v1/meetings/series?per_page=100", "Authorization", "Bearer " + officer)),
                        "id"),
                hasItem("marac"));
        assertThat(platform.get("/v1/meetings/series/marac").statusCode(), is(404));
        assertThat(
                platform.get("/v1/meetings/series/marac", "Authorization", "Bearer " + officer)
                        .statusCode(),
                is(200));

        JsonNode september = TestPlatform.json(
                platform.get("/v1/meetings?from=2026-09-01&to=2026-09-30&locality=south&per_page=100"));
        assertThat(ids(september, "series_id"), hasItem("locality-mat-network-south"));
        assertThat(ids(september, "series_id"), not(hasItem("locality-mat-network-north")));
        assertThat(platform.get("/v1/meetings?from=2026-09-30&to=2026-09-01").statusCode(), is(400));
        // the RFC 3339 form generated clients send for a date is that day
        assertThat(
                TestPlatform.json(platform.get("/v1/meetings?from=2026-09-01T00:00:00Z&to=2026-09-30T12:00:00%2B01:00"
                                + "&locality=south&per_page=100"))
                        .get("total_items")
                        .asInt(),
                is(september.get("total_items").asInt()));
        assertThat(platform.get("/v1/meetings?locality=east").statusCode(), is(400));
        assertThat(platform.get("/v1/meetings?series=nothing").statusCode(), is(404));
    }

    @Test
    void signedInCallersRegisterAndOnlyTheLaSeesWho() {
        String meeting = "/v1/meetings/mental-health-education-network@2027-03-10T15:45/registrations";
        String body = "{\"name\":\"Sam Patel\",\"email\":\"sam@school.example\",\"organisation\":\"A school\"}";
        java.util.function.BiFunction<String, String, HttpResponse<String>> post = (token, json) -> {
            java.net.http.HttpRequest.Builder request = java.net.http.HttpRequest.newBuilder(platform.uri(meeting))
                    .header("Content-Type", "application/json")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString(json));
            if (token != null) {
                request.header("Authorization", "Bearer " + token);
            }
            return platform.send(request);
        };
        String school = platform.token("school");
        assertThat(post.apply(null, body).statusCode(), is(401));
        HttpResponse<String> registered = post.apply(school, body);
        assertThat(registered.body(), registered.statusCode(), is(201));
        assertThat(TestPlatform.json(registered).get("status").asText(), is("registered"));
        assertThat(post.apply(school, body).statusCode(), is(409));
        HttpResponse<String> badEmail =
                post.apply(platform.token("professional"), body.replace("sam@school.example", "sam"));
        assertThat(badEmail.statusCode(), is(400));
        assertThat(badEmail.body().contains("\"pointer\":\"/email\""), is(true));

        assertThat(platform.get(meeting, "Authorization", "Bearer " + school).statusCode(), is(403));
        JsonNode list = TestPlatform.json(platform.get(meeting, "Authorization", "Bearer " + officer));
        assertThat(list.get("registered").size(), is(1));
        assertThat(list.at("/registered/0/email").asText(), is("sam@school.example"));
    }

    @Test
    void calendarFeedsParseBackAndHideRestrictedMeetings() throws Exception {
        HttpResponse<String> feed =
                platform.get("/v1/meetings/calendar.ics?locality=north&from=2026-09-01&to=2027-08-31");
        assertThat(feed.statusCode(), is(200));
        assertThat(feed.headers().firstValue("Content-Type").orElse(""), startsWith("text/calendar"));
        Calendar calendar = parse(feed.body());
        List<VEvent> events = calendar.getComponents("VEVENT");
        List<String> summaries =
                events.stream().map(e -> e.getSummary().getValue()).toList();
        assertThat(summaries, hasItem("Locality MAT network meeting (North)"));
        assertThat(summaries, not(hasItem("Locality MAT network meeting (South)")));
        assertThat(summaries.stream().anyMatch(s -> s.contains("MARAC")), is(false));
        assertThat(
                events.stream()
                        .map(e -> e.getUid().orElseThrow().getValue())
                        .distinct()
                        .count(),
                is((long) events.size()));

        Calendar san = parse(
                platform.get("/v1/meetings/calendar.ics?series=school-attendance-network&from=2026-09-01&to=2027-08-31")
                        .body());
        assertThat(san.getComponents("VEVENT").size(), is(3));
        // no dates: a year from the contacts service's today (2026-11-28), so the October meeting is gone
        Calendar sanAhead = parse(platform.get("/v1/meetings/calendar.ics?series=school-attendance-network")
                .body());
        assertThat(sanAhead.getComponents("VEVENT").size(), is(2));

        Calendar laView = parse(platform.get(
                        "/v1/meetings/calendar.ics?from=2026-09-01&to=2026-12-31", "Authorization", "Bearer " + officer)
                .body());
        List<String> laSummaries = laView.<VEvent>getComponents("VEVENT").stream()
                .map(e -> e.getSummary().getValue())
                .toList();
        assertThat(laSummaries, hasItem("Multi-Agency Risk Assessment Conference (MARAC)"));
        assertThat(
                List.of(platform.get("/v1/meetings/calendar.ics?series=marac").statusCode()), everyItem(is(404)));
    }

    @Test
    void theLaMaintainsTheSeries() {
        String series = "{\"name\":\"DSL network briefing\",\"purpose\":\"Termly update\",\"format\":\"teams\","
                + "\"locality\":\"city-wide\",\"duration_minutes\":60,\"dates\":[\"2027-01-14T15:30\"],\"capacity\":90}";
        assertProblem(platform.write("POST", "/v1/meetings/series", platform.token("school"), null, series), 403, null);
        assertProblem(
                platform.write("POST", "/v1/meetings/series", officer, null, series.replace("teams", "zoom")),
                400,
                "/format");
        assertProblem(
                platform.write(
                        "POST",
                        "/v1/meetings/series",
                        officer,
                        null,
                        series.replace(",\"dates\":[\"2027-01-14T15:30\"]", "")),
                400,
                "/dates");
        HttpResponse<String> created = platform.write("POST", "/v1/meetings/series", officer, null, series);
        assertThat(created.body(), created.statusCode(), is(201));
        assertThat(created.headers().firstValue("Location").orElse(""), is("/v1/meetings/series/dsl-network-briefing"));
        String moved = series.replace("2027-01-14", "2027-01-21");
        assertProblem(
                platform.write("PUT", "/v1/meetings/series/dsl-network-briefing", officer, null, moved),
                428,
                "If-Match");
        assertThat(
                platform.write("PUT", "/v1/meetings/series/dsl-network-briefing", officer, "\"v1\"", moved)
                        .statusCode(),
                is(200));
        assertProblem(
                platform.write("PUT", "/v1/meetings/series/dsl-network-briefing", officer, "\"v1\"", moved),
                412,
                "If-Match");
        assertThat(
                platform.get("/v1/meetings/dsl-network-briefing@2027-01-21T15:30")
                        .statusCode(),
                is(200));
        assertProblem(platform.get("/v1/meetings/dsl-network-briefing@2027-01-14T15:30"), 404, null);
    }

    @Test
    void severelyAbsentMeetingsAreTheSchoolsAndTheLasOnly() {
        // attendance-service asks, over gRPC, as the LA officer it acts for
        ManagedChannel channel =
                TestTrust.as("attendance-service", platform.contacts.grpcTarget(), "safeguarding-contacts-service");
        try {
            MeetingDetail scheduled = TestTrust.forwarding(
                            MeetingsServiceGrpc.newBlockingStub(channel),
                            "attendance-service",
                            CallerContext.newBuilder()
                                    .setSubject("officer")
                                    .addRoles("la_officer")
                                    .build())
                    .scheduleSevereAbsenceMeeting(ScheduleSevereAbsenceMeetingRequest.newBuilder()
                            .setUrn("116000")
                            .setSchool(School.newBuilder()
                                    .setUrn("116000")
                                    .setName("Anchorage Park Sandpiper Primary Academy")
                                    .setLocality(Locality.LOCALITY_NORTH))
                            .setStart("2027-01-26T14:00")
                            .setTerm("Spring 2027")
                            .addPupils(SeverelyAbsentPupil.newBuilder()
                                    .setUpn("A123456789012")
                                    .setName("Pupil One")
                                    .setYearGroup(5)
                                    .setAttendancePercent(44)
                                    .setPossibleSessions(120)
                                    .setSessionsMissed(67))
                            .build());
            assertThat(
                    scheduled.getMeeting().getName(),
                    is("Severely Absent Meeting: Anchorage Park Sandpiper Primary Academy"));
        } finally {
            channel.shutdownNow();
        }
        String path = "/v1/meetings/severely-absent-meetings-116000@2027-01-26T14:00";
        String school = platform.token("school");
        JsonNode bySchool = TestPlatform.json(platform.getAs(school, path));
        assertThat(bySchool.at("/pupils/0/upn").asText(), is("A123456789012"));
        assertThat(
                TestPlatform.json(platform.getAs(officer, path)).get("pupils").size(), is(1));
        // the LA invites the people who should come
        HttpResponse<String> invited = platform.write(
                "POST",
                path + "/invitations",
                officer,
                null,
                "{\"people\":[{\"name\":\"Eve Welfare\",\"email\":\"eve@portsmouth.example\"}]}");
        assertThat(invited.body(), invited.statusCode(), is(200));
        assertProblem(
                platform.write(
                        "POST",
                        path + "/invitations",
                        school,
                        null,
                        "{\"people\":[{\"name\":\"Eve\",\"email\":\"eve@portsmouth.example\"}]}"),
                403,
                null);
        assertThat(
                ids(TestPlatform.json(platform.getAs(school, "/v1/meetings?from=2027-01-26&to=2027-01-26")), "id"),
                hasItem("severely-absent-meetings-116000@2027-01-26T14:00"));
        assertProblem(platform.get(path), 404, null);
        assertProblem(platform.getAs(platform.token("professional"), path), 404, null);
        assertThat(
                ids(TestPlatform.json(platform.get("/v1/meetings?from=2027-01-26&to=2027-01-26")), "id"),
                not(hasItem("severely-absent-meetings-116000@2027-01-26T14:00")));
    }

    @Test
    void invitedWorkersBookMetSlotsAndMinutesFollowTheMeeting() {
        String met = "/v1/meetings/met-weekly@2026-12-10T10:00";
        String professional = platform.token("professional");
        String booking =
                "{\"child_name\":\"Child A\",\"child_date_of_birth\":\"2011-02-03\",\"concern\":\"Missing from home\"}";
        assertProblem(platform.write("POST", met + "/slots", professional, null, booking), 403, null);
        assertProblem(platform.write("POST", met + "/invitations", professional, null, "{\"people\":[]}"), 403, null);
        assertProblem(
                platform.write(
                        "POST",
                        met + "/invitations",
                        officer,
                        null,
                        "{\"people\":[{\"name\":\"Wyn\",\"email\":\"nope\"}]}"),
                400,
                "/people/0/email");
        HttpResponse<String> invited = platform.write(
                "POST",
                met + "/invitations",
                officer,
                null,
                "{\"roles\":[\"dsl\"],\"locality\":\"north\",\"people\":[{\"name\":\"Wyn Worker\",\"email\":\"wyn@youth-justice.example\","
                        + "\"professional_id\":\"p-1\"}]}");
        assertThat(invited.body(), invited.statusCode(), is(200));
        assertThat(TestPlatform.json(invited).get("added").asInt() > 1, is(true));
        // another signed-in professional typing Wyn's email is not Wyn
        String impostor = booking.replace("{", "{\"worker_email\":\"wyn@youth-justice.example\",");
        assertProblem(platform.write("POST", met + "/slots", platform.token("nurse"), null, impostor), 403, null);

        HttpResponse<String> booked = platform.write("POST", met + "/slots", professional, null, booking);
        assertThat(booked.body(), booked.statusCode(), is(201));
        assertThat(TestPlatform.json(booked).get("worker_name").asText(), is("Wyn Worker"));
        HttpResponse<String> byLa =
                platform.write("POST", met + "/slots", officer, null, impostor.replace("Child A", "Child B"));
        assertThat(byLa.body(), byLa.statusCode(), is(201));
        assertThat(TestPlatform.json(byLa).get("booked_by_la").asBoolean(), is(true));
        assertProblem(
                platform.write(
                        "POST", met + "/slots", professional, null, booking.replace("{", "{\"slot_start\":\"10:00\",")),
                409,
                "/slot_start");
        assertProblem(
                platform.write("POST", met + "/slots", professional, null, booking.replace("2011-02-03", "someday")),
                400,
                "/child_date_of_birth");
        assertThat(
                TestPlatform.json(platform.getAs(professional, met))
                        .at("/slots/0/child_name")
                        .asText(),
                is("Child A"));
        JsonNode seenByPublic = TestPlatform.json(platform.get(met));
        assertThat(seenByPublic.at("/slots/0/booked").asBoolean(), is(true));
        assertThat(seenByPublic.at("/slots/0/child_name").isMissingNode(), is(true));

        String minutes = "{\"text\":\"Actions agreed\"}";
        assertProblem(platform.write("POST", met + "/minutes", officer, null, minutes), 400, "/meeting_id");
        String past = "/v1/meetings/met-weekly@2026-11-26T10:00";
        assertProblem(platform.write("POST", past + "/minutes", professional, null, minutes), 403, null);
        assertThat(
                platform.write("POST", past + "/minutes", officer, null, minutes)
                        .statusCode(),
                is(201));
        assertProblem(platform.write("POST", past + "/minutes", officer, null, minutes), 409, "/meeting_id");
        assertThat(
                TestPlatform.json(platform.getAs(officer, past + "/minutes"))
                        .get("text")
                        .asText(),
                is("Actions agreed"));
        assertProblem(platform.getAs(professional, past + "/minutes"), 403, null);
    }

    @Test
    void aPersonalFeedHoldsYourOwnMeetingsAndAFreedPlaceGoesToTheWaiting() throws Exception {
        String professional = platform.token("professional");
        String meeting = "/v1/meetings/early-years-provider-briefings@2027-01-27T18:30";
        assertThat(
                platform.write(
                                "POST",
                                meeting + "/registrations",
                                professional,
                                null,
                                "{\"name\":\"Pat\",\"email\":\"pat@health.example\"}")
                        .statusCode(),
                is(201));
        assertProblem(platform.write("POST", "/v1/meetings/calendar-feeds", null, null, ""), 401, null);
        HttpResponse<String> created = platform.write("POST", "/v1/meetings/calendar-feeds", professional, null, "");
        assertThat(created.body(), created.statusCode(), is(201));
        String url = TestPlatform.json(created).get("url").asText();
        String feed = url.substring(url.indexOf("/v1/meetings"));
        List<String> mine = parse(platform.get(feed).body()).<VEvent>getComponents("VEVENT").stream()
                .map(e -> e.getSummary().getValue())
                .toList();
        assertThat(mine.size(), is(1));
        assertProblem(platform.get("/v1/meetings/calendar.ics?feed=guessed"), 404, null);

        HttpResponse<String> cancelled =
                platform.send(java.net.http.HttpRequest.newBuilder(platform.uri(meeting + "/registrations"))
                        .header("Authorization", "Bearer " + professional)
                        .DELETE());
        assertThat(cancelled.statusCode(), is(204));
        assertThat(parse(platform.get(feed).body()).getComponents("VEVENT").size(), is(0));
        assertProblem(
                platform.send(java.net.http.HttpRequest.newBuilder(platform.uri(meeting + "/registrations"))
                        .header("Authorization", "Bearer " + professional)
                        .DELETE()),
                404,
                null);

        // the link says when it expires, and its owner revokes it: it stops working at once
        assertThat(TestPlatform.json(created).get("expires_at").asText(), is("2027-02-26T10:00:00Z"));
        java.util.function.Function<String, HttpResponse<String>> revoke =
                token -> platform.send(java.net.http.HttpRequest.newBuilder(platform.uri("/v1/meetings/calendar-feeds"))
                        .headers(
                                token == null
                                        ? new String[] {"Accept", "*/*"}
                                        : new String[] {"Authorization", "Bearer " + token})
                        .DELETE());
        assertProblem(revoke.apply(null), 401, null);
        assertThat(revoke.apply(professional).statusCode(), is(204));
        assertProblem(platform.get(feed), 404, null);
        assertProblem(revoke.apply(professional), 404, null);
    }
}
