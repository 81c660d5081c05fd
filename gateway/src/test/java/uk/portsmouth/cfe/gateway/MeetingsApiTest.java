package uk.portsmouth.cfe.gateway;

import java.io.StringReader;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.component.VEvent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import uk.portsmouth.cfe.platform.telemetry.Telemetry;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

/** Meeting series, meetings and iCalendar feeds through the gateway; restricted meetings never leak. */
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

    private static Calendar parse(String ics) throws Exception {
        return new CalendarBuilder().build(new StringReader(ics));
    }

    @Test
    void seriesAndMeetingsForTheirAudience() {
        List<String> publicSeries = ids(TestPlatform.json(platform.get("/v1/meetings/series?per_page=100")), "id");
        assertThat(publicSeries, hasItem("school-attendance-network"));
        assertThat(publicSeries, not(hasItem("marac")));
        assertThat(ids(TestPlatform.json(platform.get("/v1/meetings/series?per_page=100", "Authorization", "Bearer " + officer)), "id"),
                   hasItem("marac"));
        assertThat(platform.get("/v1/meetings/series/marac").statusCode(), is(404));
        assertThat(platform.get("/v1/meetings/series/marac", "Authorization", "Bearer " + officer).statusCode(), is(200));

        JsonNode september = TestPlatform.json(platform.get("/v1/meetings?from=2026-09-01&to=2026-09-30&locality=south&per_page=100"));
        assertThat(ids(september, "series_id"), hasItem("locality-mat-network-south"));
        assertThat(ids(september, "series_id"), not(hasItem("locality-mat-network-north")));
        assertThat(platform.get("/v1/meetings?from=2026-09-30&to=2026-09-01").statusCode(), is(400));
        assertThat(platform.get("/v1/meetings?locality=east").statusCode(), is(400));
        assertThat(platform.get("/v1/meetings?series=nothing").statusCode(), is(404));
    }

    @Test
    void signedInCallersRegisterAndOnlyTheLaSeesWho() {
        String meeting = "/v1/meetings/mental-health-education-network@2027-03-10T15:45/registrations";
        String body = "{\"name\":\"Sam Patel\",\"email\":\"sam@school.example\",\"organisation\":\"A school\"}";
        java.util.function.BiFunction<String, String, HttpResponse<String>> post = (token, json) -> {
            java.net.http.HttpRequest.Builder request = java.net.http.HttpRequest.newBuilder(platform.uri(meeting))
                    .header("Content-Type", "application/json").POST(java.net.http.HttpRequest.BodyPublishers.ofString(json));
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
        HttpResponse<String> badEmail = post.apply(platform.token("professional"), body.replace("sam@school.example", "sam"));
        assertThat(badEmail.statusCode(), is(400));
        assertThat(badEmail.body().contains("\"pointer\":\"/email\""), is(true));

        assertThat(platform.get(meeting, "Authorization", "Bearer " + school).statusCode(), is(403));
        JsonNode list = TestPlatform.json(platform.get(meeting, "Authorization", "Bearer " + officer));
        assertThat(list.get("registered").size(), is(1));
        assertThat(list.at("/registered/0/email").asText(), is("sam@school.example"));
    }

    @Test
    void calendarFeedsParseBackAndHideRestrictedMeetings() throws Exception {
        HttpResponse<String> feed = platform.get("/v1/meetings/calendar.ics?locality=north&from=2026-09-01&to=2027-08-31");
        assertThat(feed.statusCode(), is(200));
        assertThat(feed.headers().firstValue("Content-Type").orElse(""), startsWith("text/calendar"));
        Calendar calendar = parse(feed.body());
        List<VEvent> events = calendar.getComponents("VEVENT");
        List<String> summaries = events.stream().map(e -> e.getSummary().getValue()).toList();
        assertThat(summaries, hasItem("Locality MAT network meeting (North)"));
        assertThat(summaries, not(hasItem("Locality MAT network meeting (South)")));
        assertThat(summaries.stream().anyMatch(s -> s.contains("MARAC") || s.contains("weekly, child-focused")), is(false));
        assertThat(events.stream().map(e -> e.getUid().orElseThrow().getValue()).distinct().count(), is((long) events.size()));

        Calendar san = parse(platform.get("/v1/meetings/calendar.ics?series=school-attendance-network&from=2026-09-01&to=2027-08-31").body());
        assertThat(san.getComponents("VEVENT").size(), is(3));

        Calendar laView = parse(platform.get("/v1/meetings/calendar.ics?from=2026-09-01&to=2026-12-31",
                                             "Authorization", "Bearer " + officer).body());
        List<String> laSummaries = laView.<VEvent>getComponents("VEVENT").stream().map(e -> e.getSummary().getValue()).toList();
        assertThat(laSummaries, hasItem("Multi-Agency Risk Assessment Conference (MARAC)"));
        assertThat(List.of(platform.get("/v1/meetings/calendar.ics?series=marac").statusCode()), everyItem(is(404)));
    }
}
