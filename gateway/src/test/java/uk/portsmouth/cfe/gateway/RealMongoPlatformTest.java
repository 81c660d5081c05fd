package uk.portsmouth.cfe.gateway;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.is;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.MongoDBContainer;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import uk.portsmouth.cfe.platform.identifiers.Upns;
import uk.portsmouth.cfe.platform.telemetry.Telemetry;

/**
 * The whole platform over a real MongoDB replica set (Testcontainers' MongoDB runs as one, so
 * write concern majority and the read preference are the production ones): one journey per context
 * through the gateway. Runs wherever a Docker engine is; skipped (reported as skipped) where there is
 * none, as on the CI machine: run it with `./mvnw verify -pl gateway -am -Dtest=RealMongoPlatformTest
 * -Dsurefire.failIfNoSpecifiedTests=false` on a machine with Docker.
 */
@Testcontainers(disabledWithoutDocker = true)
class RealMongoPlatformTest {

    @Container
    private static final MongoDBContainer REPLICA_SET = new MongoDBContainer("mongo:7.0");

    private static TestPlatform platform;

    @BeforeAll
    static void start() {
        platform = TestPlatform.start(
                Telemetry.noop(), Map.of(), REPLICA_SET.getReplicaSetUrl().replace("/test", "/"));
    }

    @AfterAll
    static void stop() {
        platform.close();
    }

    @Test
    void theDirectoryIsSearchedAndEdited() {
        JsonNode found = TestPlatform.json(platform.get("/v1/directory/services?search=family"));
        assertThat(found.get("total_items").asInt(), greaterThan(0));
        String id = found.get("contents").get(0).get("id").asText();
        assertThat(platform.get("/v1/directory/services/" + id).statusCode(), is(200));
    }

    @Test
    void aTeamIsCreatedAndReadBack() {
        String officer = platform.token("officer");
        HttpResponse<String> created = platform.write(
                "POST",
                "/v1/contacts/teams",
                officer,
                null,
                "{\"name\":\"Replica team\",\"purpose\":\"x\",\"tiers\":[2],"
                        + "\"contact_routes\":[{\"kind\":\"email\",\"unknown\":true}]}");
        assertThat(created.body(), created.statusCode(), is(201));
        String location = created.headers().firstValue("Location").orElseThrow();
        assertThat(
                platform.getAs(officer, location.substring(location.indexOf("/v1/")))
                        .statusCode(),
                is(200));
    }

    @Test
    void aSchoolSendsItsRollAndMarksAndReadsTheMeasures() {
        String school = platform.token("school");
        String rest = "851700099001";
        String upn = Upns.checkLetter(rest) + rest;
        HttpResponse<String> roll = platform.write(
                "POST",
                "/v1/schools/116000/pupils",
                school,
                null,
                "{\"pupils\":[{\"upn\":\"" + upn + "\",\"given_name\":\"Sam\",\"family_name\":\"Replica\","
                        + "\"date_of_birth\":\"2017-03-04\",\"year_group\":4,\"sen_status\":\"none\"}]}");
        assertThat(roll.body(), roll.statusCode(), is(200));
        String marks =
                "{\"marks\":[{\"upn\":\"" + upn + "\",\"date\":\"2026-11-16\",\"session\":\"AM\",\"code\":\"/\"},"
                        + "{\"upn\":\"" + upn + "\",\"date\":\"2026-11-16\",\"session\":\"PM\",\"code\":\"I\"}]}";
        HttpResponse<String> recorded =
                platform.write("POST", "/v1/schools/116000/attendance/marks", school, null, marks);
        assertThat(recorded.body(), recorded.statusCode(), is(200));
        assertThat(TestPlatform.json(recorded).get("recorded").asInt(), is(2));
        // a correction goes through the conditional write that carries the shard key
        HttpResponse<String> corrected = platform.write(
                "POST", "/v1/schools/116000/attendance/marks", school, null, marks.replace("\"I\"", "\"M\""));
        assertThat(TestPlatform.json(corrected).get("corrected").asInt(), is(1));
        assertThat(
                platform.getAs(school, "/v1/schools/116000/attendance/pupils/" + upn)
                        .statusCode(),
                is(200));
    }

    @Test
    void aLeadProfessionalReadsTheirCaseload() {
        JsonNode caseload = TestPlatform.json(platform.getAs(platform.token("lead"), "/v1/fsps"));
        assertThat(caseload.get("contents").size(), greaterThan(0));
    }
}
