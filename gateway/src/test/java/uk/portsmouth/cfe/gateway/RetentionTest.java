package uk.portsmouth.cfe.gateway;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static uk.portsmouth.cfe.gateway.TestPlatform.assertProblem;
import static uk.portsmouth.cfe.gateway.TestPlatform.json;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import uk.portsmouth.cfe.platform.telemetry.Telemetry;

/**
 * Retention, enforced: the dry run lists the demo's aged records (a 2018-19 register, a plan
 * closed seven years ago) without touching them; a run removes exactly those, audits what it
 * removed, and the next dry run is empty for them.
 */
class RetentionTest {

    private static TestPlatform platform;
    private static String dpo;

    @BeforeAll
    static void start() {
        platform = TestPlatform.start(Telemetry.noop());
        dpo = platform.token("dpo");
    }

    @AfterAll
    static void stop() {
        platform.close();
    }

    /** How many of {@code kind} the service's report lists. */
    private static long due(JsonNode reports, String service, String kind) {
        for (JsonNode report : reports.get("services")) {
            if (report.get("service").asText().equals(service)) {
                for (JsonNode due : report.get("due")) {
                    if (due.get("kind").asText().equals(kind)) {
                        return due.path("due").asLong(0);
                    }
                }
            }
        }
        throw new AssertionError(service + " lists no " + kind);
    }

    @Test
    void theDryRunShowsTheAgedRecordsAndTheRunRemovesExactlyThose() {
        String manager = platform.token("manager");
        JsonNode before = json(platform.getAs(dpo, "/v1/retention"));
        assertThat(before.get("partial").asBoolean(), is(false));
        assertThat(due(before, "attendance-service", "attendance_registers"), is(1L));
        assertThat(due(before, "fsp-service", "closed_plans"), is(1L));
        // a dry run removes nothing
        assertThat(platform.getAs(manager, "/v1/fsps/fsp-demo-closed-2019").statusCode(), is(200));
        assertThat(due(json(platform.getAs(dpo, "/v1/retention")), "fsp-service", "closed_plans"), is(1L));

        JsonNode run = json(platform.write("POST", "/v1/retention/run", dpo, null, "{}"));
        assertThat(due(run, "attendance-service", "attendance_registers"), is(1L));
        assertThat(due(run, "fsp-service", "closed_plans"), is(1L));
        assertThat(platform.getAs(manager, "/v1/fsps/fsp-demo-closed-2019").statusCode(), is(404));
        // the plan closed ten days ago stays
        assertThat(platform.getAs(manager, "/v1/fsps/fsp-demo-closed").statusCode(), is(200));

        JsonNode after = json(platform.getAs(dpo, "/v1/retention"));
        // the gateway's own audit trail (client changes, these very questions) has a job too
        assertThat(due(after, "gateway", "audit_events"), is(0L));
        assertThat(after.get("services").get(0).get("last_run").asText(), is(not("")));
        assertThat(due(after, "attendance-service", "attendance_registers"), is(0L));
        assertThat(due(after, "fsp-service", "closed_plans"), is(0L));
        JsonNode audited =
                json(platform.getAs(dpo, "/v1/audit?caller=retention-job")).get("events");
        assertThat(audited.size(), greaterThan(1));
        assertThat(audited.get(0).get("action").asText(), is("retention-delete"));
    }

    @Test
    void onlyTheDpo() {
        assertProblem(platform.getAs(platform.token("admin"), "/v1/retention"), 403, null);
        assertProblem(platform.write("POST", "/v1/retention/run", platform.token("admin"), null, "{}"), 403, null);
        assertProblem(platform.get("/v1/retention"), 401, null);
    }
}
