package uk.portsmouth.cfe.gateway;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;
import static uk.portsmouth.cfe.gateway.TestPlatform.assertProblem;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.StringReader;
import java.net.http.HttpResponse;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import uk.portsmouth.cfe.platform.telemetry.Telemetry;

/** The All Schools Contacts Tracker end to end: gateway -> contacts-service -> attendance-service's register. */
class SchoolContactsApiTest {

    private static final String OWN = "/v1/schools/116000/contacts";
    private static final String OTHER = "/v1/schools/116037/contacts";

    private static TestPlatform platform;
    private static String officer;
    private static String school;

    @BeforeAll
    static void start() {
        platform = TestPlatform.start(Telemetry.noop());
        officer = platform.token("officer");
        school = platform.token("school");
    }

    @AfterAll
    static void stop() {
        platform.close();
    }

    private static String etag(HttpResponse<String> response) {
        return response.headers().firstValue("ETag").orElseThrow();
    }

    private static List<CSVRecord> csv(String query) throws IOException {
        HttpResponse<String> export = platform.getAs(officer, "/v1/contacts/export.csv" + query);
        assertThat(export.body(), export.statusCode(), is(200));
        assertThat(export.headers().firstValue("Content-Type").orElse(""), startsWith("text/csv"));
        return CSVFormat.RFC4180
                .builder()
                .setHeader()
                .setSkipHeaderRecord(true)
                .get()
                .parse(new StringReader(export.body()))
                .getRecords();
    }

    @Test
    void aSchoolReadsAndMaintainsItsOwnNamedContacts() {
        HttpResponse<String> read = platform.getAs(school, OWN);
        assertThat(read.body(), read.statusCode(), is(200));
        JsonNode contacts = TestPlatform.json(read);
        assertThat(contacts.get("school_name").asText(), is("Anchorage Park Sandpiper Primary Academy"));
        assertThat(contacts.get("locality").asText(), is("north"));
        assertThat(contacts.get("contacts").size(), greaterThanOrEqualTo(11));

        String body = "{\"contacts\":[{\"role\":\"dsl\",\"name\":\"Robin Shaw\",\"email\":\"dsl@sandpiper.example\"},"
                + "{\"role\":\"headteacher\",\"vacant\":true}]}";
        assertProblem(platform.write("PUT", OWN, school, null, body), 428, "If-Match");
        HttpResponse<String> updated = platform.write("PUT", OWN, school, etag(read), body);
        assertThat(updated.body(), updated.statusCode(), is(200));
        JsonNode after = TestPlatform.json(updated);
        assertThat(after.at("/contacts/0/role").asText(), is("headteacher"));
        assertThat(after.at("/contacts/0/vacant").asBoolean(), is(true));
        assertThat(after.at("/contacts/1/name").asText(), is("Robin Shaw"));
        assertProblem(platform.write("PUT", OWN, school, etag(read), body), 412, "If-Match");
    }

    @Test
    void badContactsAreRefusedAndNothingIsWritten() {
        String etag = etag(platform.getAs(officer, "/v1/schools/116041/contacts"));
        String path = "/v1/schools/116041/contacts";
        assertProblem(
                platform.write(
                        "PUT",
                        path,
                        officer,
                        etag,
                        "{\"contacts\":[{\"role\":\"dsl\",\"name\":\"A\",\"email\":\"nope\"}]}"),
                400,
                "/contacts/0/email");
        assertProblem(
                platform.write(
                        "PUT",
                        path,
                        officer,
                        etag,
                        "{\"contacts\":[{\"role\":\"caretaker\",\"name\":\"A\",\"email\":\"a@b.example\"}]}"),
                400,
                "/contacts/0/role");
        assertProblem(
                platform.write(
                        "PUT",
                        path,
                        officer,
                        etag,
                        "{\"contacts\":[{\"role\":\"senco\",\"name\":\"A\",\"phone\":\"12\"}]}"),
                400,
                "/contacts/0/phone");
        assertProblem(platform.write("PUT", path, officer, etag, "{\"urn\":\"116000\",\"contacts\":[]}"), 400, "/urn");
        assertThat(etag(platform.getAs(officer, path)), is(etag));
    }

    @Test
    void nobodyElseSeesOrChangesASchoolsContacts() {
        assertProblem(platform.getAs(school, OTHER), 403, null);
        String etag = etag(platform.getAs(officer, OTHER));
        assertProblem(platform.write("PUT", OTHER, school, etag, "{\"contacts\":[]}"), 403, null);
        assertThat(etag(platform.getAs(officer, OTHER)), is(etag));
        assertProblem(platform.get(OWN), 401, null);
        assertProblem(platform.getAs(platform.token("partner"), OWN), 403, null);
        assertProblem(platform.getAs(platform.token("professional"), OWN), 403, null);
        assertProblem(platform.getAs(officer, "/v1/schools/999999/contacts"), 404, null);
        assertProblem(platform.getAs(school, "/v1/contacts/lists?role=dsl"), 403, null);
        assertProblem(platform.getAs(school, "/v1/contacts/export.csv"), 403, null);
    }

    @Test
    void theLaDrawsTargetedLists() {
        JsonNode northDsls =
                TestPlatform.json(platform.getAs(officer, "/v1/contacts/lists?role=dsl&locality=north&per_page=100"));
        assertThat(northDsls.get("total_items").asInt(), greaterThanOrEqualTo(2));
        northDsls.get("contents").forEach(e -> {
            assertThat(e.get("locality").asText(), is("north"));
            assertThat(e.at("/contact/role").asText(), is("dsl"));
        });
        assertProblem(platform.getAs(officer, "/v1/contacts/lists?role=caretaker"), 400, "role");
        assertProblem(platform.getAs(officer, "/v1/contacts/lists?phase=grammar"), 400, "phase");
    }

    @Test
    void theExportReplacesTheSpreadsheet() throws IOException {
        List<CSVRecord> all = csv("");
        assertThat(all.size(), greaterThanOrEqualTo(67 * 11));
        assertThat(all.stream().map(r -> r.get("vacant")).toList(), hasItem("yes"));
        List<CSVRecord> secondaryLeads = csv("?role=attendance_lead&phase=secondary");
        assertThat(secondaryLeads.size(), is(9));
        assertThat(secondaryLeads.stream().map(r -> r.get("role")).toList(), everyItem(is("attendance_lead")));

        // a cell a spreadsheet would run as a formula is defused
        String path = "/v1/schools/116911/contacts";
        platform.write(
                "PUT",
                path,
                officer,
                etag(platform.getAs(officer, path)),
                "{\"contacts\":[{\"role\":\"eal_lead\",\"name\":\"=HYPERLINK(\\\"http://x.example\\\")\",\"phone\":\"+44 23 9600 0000\"}]}");
        CSVRecord eal = csv("?role=eal_lead&phase=secondary").stream()
                .filter(r -> r.get("urn").equals("116911"))
                .findFirst()
                .orElseThrow();
        assertThat(eal.get("name"), startsWith("'="));
        assertThat(eal.get("phone"), is("+44 23 9600 0000"));
    }
}
