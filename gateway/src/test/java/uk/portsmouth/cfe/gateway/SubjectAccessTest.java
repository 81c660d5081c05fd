package uk.portsmouth.cfe.gateway;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static uk.portsmouth.cfe.gateway.TestPlatform.assertProblem;
import static uk.portsmouth.cfe.gateway.TestPlatform.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openpdf.text.pdf.PdfReader;
import org.openpdf.text.pdf.parser.PdfTextExtractor;
import uk.portsmouth.cfe.platform.telemetry.Telemetry;

/**
 * Subject access in one call: everything every service holds about a child, by UPN or as a
 * person in a plan, with who accessed it; as JSON and as a PDF in which any name renders; marked
 * incomplete, never silently, when a service is down.
 */
class SubjectAccessTest {

    /** A name in scripts Helvetica cannot show. */
    private static final String NAME = "Zoë Łukasz-Ørsted Ωμέγα Щука";

    private static TestPlatform platform;
    private static String dpo;
    private static String upn;
    private static String planId;

    @BeforeAll
    static void start() {
        platform = TestPlatform.start(Telemetry.noop());
        dpo = platform.token("dpo");
        String school = platform.token("school");
        upn = json(platform.getAs(school, "/v1/schools/116000/pupils?per_page=1"))
                .get("contents")
                .get(0)
                .get("upn")
                .asText();
        // the school reads the child's attendance, and the child is in a plan under a name only Unicode fonts show
        assertThat(
                platform.getAs(school, "/v1/schools/116000/attendance/pupils/" + upn)
                        .statusCode(),
                is(200));
        String plan = "{\"family\":{\"family_name\":\"" + NAME + "\",\"address\":{\"lines\":[\"2 Test Street\"],"
                + "\"postcode\":\"PO4 0AA\",\"locality\":\"south\"},\"children\":[{\"given_name\":\"Kai\","
                + "\"family_name\":\"" + NAME + "\",\"date_of_birth\":\"2017-03-04\",\"upn\":\"" + upn
                + "\",\"school_urn\":\"116000\"}],\"adults\":[{\"given_name\":\"Ola\",\"family_name\":\"" + NAME
                + "\",\"relationship\":\"mother\"}]},\"tier\":2,\"aspects\":[{\"aspect_id\":\"getting-a-good-education\","
                + "\"strengths\":\"Loves maths\",\"needs\":\"Late most days\",\"focus\":true}]}";
        HttpResponse<String> created = platform.write("POST", "/v1/fsps", platform.token("lead"), null, plan);
        assertThat(created.body(), created.statusCode(), is(201));
        planId = json(created).get("id").asText();
    }

    @AfterAll
    static void stop() {
        platform.close();
    }

    private static List<String> kinds(JsonNode answer) {
        List<String> kinds = new ArrayList<>();
        answer.get("records").forEach(set -> {
            if (!set.get("records").isEmpty()) {
                kinds.add(set.get("service").asText() + "/" + set.get("kind").asText());
            }
        });
        return kinds;
    }

    @Test
    void everythingHeldAboutAChildByUpnWithWhoAccessedIt() {
        HttpResponse<String> response = platform.getAs(dpo, "/v1/subject-access?upn=" + upn);
        assertThat(response.body(), response.statusCode(), is(200));
        JsonNode answer = json(response);
        assertThat(answer.get("complete").asBoolean(), is(true));
        assertThat(kinds(answer), hasItem("attendance-service/roll_entries"));
        assertThat(kinds(answer), hasItem("attendance-service/attendance_marks"));
        assertThat(kinds(answer), hasItem("fsp-service/family_support_plans"));
        List<String> readers = new ArrayList<>();
        answer.get("audit_trail")
                .forEach(e -> readers.add(
                        e.get("caller").asText() + ":" + e.get("action").asText()));
        assertThat(readers, hasItem("school:read-pupil-attendance"));
        assertThat(readers, hasItem("lead:create-plan"));
        // the request is in the trail itself
        JsonNode asked =
                json(platform.getAs(dpo, "/v1/audit?service=gateway&action=subject-access&subject=upn:" + upn));
        assertThat(asked.get("events").size(), greaterThan(0));
    }

    @Test
    void aPersonInAPlanBringsTheRestByTheirUpn() {
        JsonNode answer = json(platform.getAs(dpo, "/v1/subject-access?person_id=" + planId + "/child-1"));
        assertThat(answer.get("subject").get("upns").get(0).asText(), is(upn));
        assertThat(kinds(answer), hasItem("fsp-service/family_support_plans"));
        assertThat(kinds(answer), hasItem("attendance-service/roll_entries"));
        JsonNode adult = json(platform.getAs(dpo, "/v1/subject-access?person_id=" + planId + "/adult-1"));
        assertThat(kinds(adult), is(List.of("fsp-service/family_support_plans")));
    }

    @Test
    void metBookingsThatNameTheChildAreFoundByTheNameAndBirthDateTheRollGives() {
        JsonNode pupil = json(platform.getAs(platform.token("school"), "/v1/schools/116000/pupils?per_page=1"))
                .get("contents")
                .get(0);
        String given = pupil.get("given_name").asText();
        String family = pupil.get("family_name").asText();
        String born = pupil.get("date_of_birth").asText();
        String met = "/v1/meetings/met-weekly@2026-12-10T10:00";
        String officer = platform.token("officer");
        HttpResponse<String> invited = platform.write(
                "POST",
                met + "/invitations",
                officer,
                null,
                "{\"people\":[{\"name\":\"Wyn Worker\",\"email\":\"wyn@youth-justice.example\"}]}");
        assertThat(invited.body(), invited.statusCode(), is(200));
        // the worker writes the name their own way (case, punctuation, family name first); a namesake
        // born another day and another child born the same day are someone else
        String written =
                "  " + family.toUpperCase(java.util.Locale.ROOT) + " " + given.toLowerCase(java.util.Locale.ROOT);
        book(
                met,
                officer,
                given.toUpperCase(java.util.Locale.ROOT) + " " + family + ".",
                born,
                "Missing from home twice");
        book(met, officer, given + " " + family, "2001-01-01", "A namesake");
        book(met, officer, "Someone Else", born, "Another child");
        book(met, officer, written, born, "Family name first");

        JsonNode answer = json(platform.getAs(dpo, "/v1/subject-access?upn=" + upn));
        List<String> concerns = new ArrayList<>();
        answer.get("records").forEach(set -> {
            if (set.get("kind").asText().equals("met_slots")) {
                set.get("records")
                        .forEach(slot -> concerns.add(slot.get("concern").asText()));
            }
        });
        assertThat(concerns, is(List.of("Missing from home twice", "Family name first")));
        assertThat(answer.get("complete").asBoolean(), is(true));
    }

    private static void book(String meeting, String officer, String childName, String born, String concern) {
        HttpResponse<String> booked = platform.write(
                "POST",
                meeting + "/slots",
                officer,
                null,
                "{\"worker_email\":\"wyn@youth-justice.example\",\"child_name\":\"" + childName
                        + "\",\"child_date_of_birth\":\"" + born + "\",\"concern\":\"" + concern + "\"}");
        assertThat(booked.body(), booked.statusCode(), is(201));
    }

    @Test
    void aReadablePdfInWhichAnyNameRenders() throws Exception {
        HttpResponse<byte[]> pdf =
                platform.sendBytes(HttpRequest.newBuilder(platform.uri("/v1/subject-access?format=pdf&upn=" + upn))
                        .header("Authorization", "Bearer " + dpo)
                        .GET());
        assertThat(pdf.statusCode(), is(200));
        assertThat(pdf.headers().firstValue("Content-Type").orElse(""), is("application/pdf"));
        PdfReader reader = new PdfReader(pdf.body());
        StringBuilder text = new StringBuilder();
        PdfTextExtractor extractor = new PdfTextExtractor(reader);
        for (int page = 1; page <= reader.getNumberOfPages(); page++) {
            text.append(extractor.getTextFromPage(page));
        }
        assertThat(text.toString(), containsString("Subject access"));
        assertThat(text.toString(), containsString(NAME));
        assertThat(text.toString(), containsString(upn));
        // numbers as a person writes them: a year group of 4, never 4.0
        java.util.regex.Matcher yearGroup =
                java.util.regex.Pattern.compile("year_group: (\\S+)").matcher(text);
        assertThat(yearGroup.find(), is(true));
        assertThat(yearGroup.group(1), yearGroup.group(1).matches("-?[0-9]+"), is(true));
        assertThat(new String(pdf.body(), java.nio.charset.StandardCharsets.ISO_8859_1), containsString("DejaVuSans"));
    }

    @Test
    void onlyTheDpoAndOnlyAClearQuestion() {
        assertProblem(platform.getAs(platform.token("admin"), "/v1/subject-access?upn=" + upn), 403, null);
        assertProblem(platform.get("/v1/subject-access?upn=" + upn), 401, null);
        assertProblem(platform.getAs(dpo, "/v1/subject-access"), 400, "upn");
        assertProblem(platform.getAs(dpo, "/v1/subject-access?upn=A123"), 400, "upn");
        assertProblem(platform.getAs(dpo, "/v1/subject-access?person_id=nobody"), 400, "person_id");
        assertProblem(platform.getAs(dpo, "/v1/subject-access?upn=" + upn + "&format=doc"), 400, "format");
        assertProblem(platform.getAs(dpo, "/v1/subject-access?signed_in=oid-x"), 400, "issuer");
        assertProblem(platform.getAs(dpo, "/v1/subject-access?issuer=https://login.example"), 400, "upn");
        assertProblem(
                platform.getAs(dpo, "/v1/subject-access?upn=" + upn + "&signed_in=oid-x&issuer=https://login.example"),
                400,
                "upn");
    }

    @Test
    void aServiceThatIsDownMakesTheAnswerIncompleteNeverSilent() {
        TestPlatform degraded = TestPlatform.start(Telemetry.noop());
        try {
            String pupil = json(degraded.getAs(degraded.token("school"), "/v1/schools/116000/pupils?per_page=1"))
                    .get("contents")
                    .get(0)
                    .get("upn")
                    .asText();
            degraded.contacts.close();
            JsonNode answer = json(degraded.getAs(degraded.token("dpo"), "/v1/subject-access?upn=" + pupil));
            assertThat(answer.get("complete").asBoolean(), is(false));
            assertThat(answer.get("unavailable_services").toString(), containsString("safeguarding-contacts-service"));
            assertThat(kinds(answer), hasItem("attendance-service/roll_entries"));
        } finally {
            degraded.close();
        }
    }
}
