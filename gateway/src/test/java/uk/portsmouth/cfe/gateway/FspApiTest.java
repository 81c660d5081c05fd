package uk.portsmouth.cfe.gateway;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static uk.portsmouth.cfe.gateway.TestPlatform.assertProblem;
import static uk.portsmouth.cfe.gateway.TestPlatform.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import uk.portsmouth.cfe.platform.identifiers.Upns;
import uk.portsmouth.cfe.platform.telemetry.Telemetry;

/**
 * Family Support Plans through the gateway, every capability end to end: create, consent and
 * activate; collaborative edits with If-Match; caseloads; the Team Around the Family and who may
 * not see a plan; reviews (pre-populated, snapshots, history); transfer; PDF; suggested support;
 * close and reopen; and the attendance service asking whether a family has a plan.
 * The platform's "now" is 2026-11-28.
 */
class FspApiTest {

    private static TestPlatform platform;
    private static String lead;
    private static String nurse;
    private static String worker;
    private static String manager;

    @BeforeAll
    static void start() {
        platform = TestPlatform.start(Telemetry.noop());
        lead = platform.token("lead");
        nurse = platform.token("nurse");
        worker = platform.token("worker");
        manager = platform.token("manager");
    }

    @AfterAll
    static void stop() {
        platform.close();
    }

    private static String family(String name, String upn) {
        return "{\"family_name\":\"" + name
                + "\",\"language\":\"Polish\",\"address\":{\"lines\":[\"2 Test Street\"],\"postcode\":\"po4 0aa\","
                + "\"locality\":\"south\"},\"children\":[{\"given_name\":\"Kai\",\"family_name\":\"" + name
                + "\",\"date_of_birth\":\"2017-03-04\""
                + (upn == null ? "" : ",\"upn\":\"" + upn + "\",\"school_urn\":\"116000\"") + "}],"
                + "\"adults\":[{\"given_name\":\"Ola\",\"family_name\":\"" + name + "\",\"relationship\":\"mother\"}]}";
    }

    private static String newPlan(String name, String upn) {
        return "{\"family\":" + family(name, upn)
                + ",\"tier\":2,\"aspects\":[{\"aspect_id\":\"getting-a-good-education\","
                + "\"strengths\":\"Loves maths\",\"needs\":\"Late most days\",\"focus\":true}]}";
    }

    private static HttpResponse<String> create(String token, String body) {
        return platform.write("POST", "/v1/fsps", token, null, body);
    }

    private static String etag(HttpResponse<String> response) {
        return response.headers().firstValue("ETag").orElseThrow();
    }

    /** A new active plan co-ordinated by the lead; its id. */
    private static String activePlan(String name, String upn) {
        HttpResponse<String> created = create(lead, newPlan(name, upn));
        assertThat(created.body(), created.statusCode(), is(201));
        String id = json(created).get("id").asText();
        HttpResponse<String> consent = platform.write(
                "POST",
                "/v1/fsps/" + id + "/consent",
                lead,
                etag(created),
                "{\"given_by\":\"adult-1\",\"given_on\":\"2026-11-20\"}");
        assertThat(consent.body(), consent.statusCode(), is(200));
        HttpResponse<String> active = platform.write(
                "POST", "/v1/fsps/" + id + "/activate", lead, etag(consent), "{\"start_date\":\"2026-11-23\"}");
        assertThat(active.body(), active.statusCode(), is(200));
        return id;
    }

    private static HttpResponse<String> read(String token, String id) {
        return platform.getAs(token, "/v1/fsps/" + id);
    }

    private static HttpResponse<String> createWithKey(String key, String body) {
        return platform.send(HttpRequest.newBuilder(platform.uri("/v1/fsps"))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + lead)
                .header("Idempotency-Key", key)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    @Test
    void theCoordinatorComesFromTheDirectoryOfProfessionalsNotFromWhatWasTyped() {
        // a manager names a co-ordinator by id and types someone else's details: the directory's are kept
        String named = newPlan("Directory", null)
                .replace(
                        "\"tier\":2",
                        "\"tier\":2,\"coordinator\":{\"professional_id\":\"prof-demo-004\","
                                + "\"name\":\"Mallory\",\"email\":\"mallory@attacker.example\",\"agency\":\"Nowhere\"}");
        HttpResponse<String> created = create(manager, named);
        assertThat(created.body(), created.statusCode(), is(201));
        JsonNode coordinator = json(created).get("coordinator");
        assertThat(coordinator.get("name").asText(), is("Priya Shah"));
        assertThat(coordinator.get("email").asText(), is("priya.shah@demo.example"));
        assertThat(coordinator.get("agency").asText(), is("Early Help and Prevention"));
        // nobody outside the directory co-ordinates: a made-up id, or a professional the LA has not added
        assertProblem(
                create(manager, named.replace("prof-demo-004", "prof-made-up")), 400, "/coordinator/professional_id");
        assertProblem(
                create(platform.token("professional"), newPlan("Unlisted", null)), 400, "/coordinator/professional_id");
        // a transfer takes the new co-ordinator from the directory too
        String id = activePlan("Transferred", null);
        HttpResponse<String> plan = read(lead, id);
        String to =
                "{\"to\":{\"professional_id\":\"prof-demo-005\",\"name\":\"Typed Name\"},\"reason\":\"Moved school\"}";
        assertProblem(
                platform.write(
                        "POST",
                        "/v1/fsps/" + id + "/transfer",
                        lead,
                        etag(plan),
                        to.replace("prof-demo-005", "nobody")),
                400,
                "/to/professional_id");
        HttpResponse<String> moved = platform.write("POST", "/v1/fsps/" + id + "/transfer", lead, etag(plan), to);
        assertThat(moved.body(), moved.statusCode(), is(200));
        assertThat(json(moved).at("/coordinator/name").asText(), is("Tom Reid"));
    }

    @Test
    void earlyHelpManagersKeepTheDirectoryOfProfessionals() {
        JsonNode found = json(platform.getAs(lead, "/v1/professionals?search=health%20visitor"));
        assertThat(found.at("/contents/0/professional_id").asText(), is("prof-demo-006"));
        assertThat(found.get("total_items").asInt(), is(1));
        assertProblem(platform.getAs(platform.token("school"), "/v1/professionals"), 403, null);
        assertProblem(platform.get("/v1/professionals"), 401, null);

        String body = "{\"professional_id\":\"prof-new-1\",\"name\":\"Ana Lopez\",\"role\":\"Social Worker\","
                + "\"agency\":\"Children's Social Care\",\"email\":\"ana.lopez@council.example\"}";
        assertProblem(platform.write("POST", "/v1/professionals", lead, null, body), 403, null);
        assertProblem(
                platform.write(
                        "POST", "/v1/professionals", manager, null, body.replace("ana.lopez@council.example", "ana")),
                400,
                "/email");
        assertProblem(
                platform.write("POST", "/v1/professionals", manager, null, body.replace("prof-new-1", "bad id!")),
                400,
                "/professional_id");
        HttpResponse<String> added = platform.write("POST", "/v1/professionals", manager, null, body);
        assertThat(added.body(), added.statusCode(), is(201));
        assertThat(added.headers().firstValue("Location").orElse(""), is("/v1/professionals/prof-new-1"));
        // a client's retry answers the professional it added; someone else under that id is refused
        assertThat(
                platform.write("POST", "/v1/professionals", manager, null, body).body(), is(added.body()));
        assertProblem(
                platform.write("POST", "/v1/professionals", manager, null, body.replace("Ana Lopez", "Someone Else")),
                409,
                "/professional_id");

        String changed = body.replace("Social Worker", "Senior Social Worker");
        assertProblem(platform.write("PUT", "/v1/professionals/prof-new-1", manager, null, changed), 428, "If-Match");
        assertProblem(platform.write("PUT", "/v1/professionals/prof-new-1", lead, etag(added), changed), 403, null);
        assertProblem(
                platform.write(
                        "PUT",
                        "/v1/professionals/prof-nobody",
                        manager,
                        etag(added),
                        changed.replace("prof-new-1", "prof-nobody")),
                404,
                null);
        HttpResponse<String> updated =
                platform.write("PUT", "/v1/professionals/prof-new-1", manager, etag(added), changed);
        assertThat(updated.body(), updated.statusCode(), is(200));
        assertThat(json(updated).get("role").asText(), is("Senior Social Worker"));
        assertProblem(platform.write("PUT", "/v1/professionals/prof-new-1", manager, etag(added), changed), 412, null);
        assertThat(
                json(platform.getAs(manager, "/v1/professionals?search=ana%20lopez"))
                        .at("/contents/0/role")
                        .asText(),
                is("Senior Social Worker"));
    }

    @Test
    void aRetriedCreateFindsItsPlanAndAKeyReusedForAnotherFamilyIsRefused() {
        HttpResponse<String> first = createWithKey("portal-create-7", newPlan("Retried", null));
        assertThat(first.body(), first.statusCode(), is(201));
        String id = json(first).get("id").asText();
        // the plan is edited before the client's retry arrives: the retry still finds it, as edited
        HttpResponse<String> edited = platform.write(
                "PUT",
                "/v1/fsps/" + id,
                lead,
                etag(first),
                "{\"family\":" + family("Retried", null) + ",\"tier\":3,\"tier_reason\":\"more needs\"}");
        assertThat(edited.body(), edited.statusCode(), is(200));
        HttpResponse<String> retry = createWithKey("portal-create-7", newPlan("Retried", null));
        assertThat(retry.body(), retry.statusCode(), is(201));
        assertThat(json(retry).get("id").asText(), is(id));
        // the retry gets the answer the create gave (the edit since is read with a GET)
        assertThat(json(retry).get("tier").asInt(), is(2));
        assertThat(retry.headers().firstValue("Idempotent-Replayed").orElse(""), is("true"));
        // the same key for a different family is a client's mistake: refused, and nothing is written
        assertProblem(createWithKey("portal-create-7", newPlan("Someone Else", null)), 422, "Idempotency-Key");
        assertThat(json(read(lead, id)).at("/family/family_name").asText(), is("Retried"));
    }

    @Test
    void aDraftNeedsConsentBeforeItBecomesActive() {
        HttpResponse<String> created = create(lead, newPlan("Nowak", null));
        assertThat(created.body(), created.statusCode(), is(201));
        JsonNode plan = json(created);
        String path = "/v1/fsps/" + plan.get("id").asText();
        assertThat(created.headers().firstValue("Location").orElse(""), is(path));
        assertThat(plan.get("status").asText(), is("draft"));
        assertThat(plan.get("aspects").size(), is(10));
        assertThat(plan.at("/coordinator/professional_id").asText(), is("prof-demo-001"));
        assertThat(plan.at("/family/children/0/id").asText(), is("child-1"));
        assertThat(plan.at("/family/address/postcode").asText(), is("PO4 0AA"));

        assertProblem(
                platform.write("POST", path + "/activate", lead, etag(created), "{\"start_date\":\"2026-11-23\"}"),
                400,
                "/consent");
        assertProblem(
                platform.write(
                        "POST",
                        path + "/consent",
                        lead,
                        etag(created),
                        "{\"given_by\":\"adult-9\",\"given_on\":\"2026-11-20\"}"),
                400,
                "/given_by");
        assertProblem(
                platform.write(
                        "POST",
                        path + "/consent",
                        lead,
                        etag(created),
                        "{\"given_by\":\"adult-1\",\"given_on\":\"2026-12-20\"}"),
                400,
                "/given_on");
        HttpResponse<String> consented = platform.write(
                "POST",
                path + "/consent",
                lead,
                etag(created),
                "{\"given_by\":\"adult-1\",\"given_on\":\"2026-11-27\"}");
        assertThat(consented.statusCode(), is(200));
        assertProblem(
                platform.write("POST", path + "/activate", lead, etag(consented), "{\"start_date\":\"2026-11-26\"}"),
                400,
                "/start_date");
        assertProblem(
                platform.write("POST", path + "/activate", lead, etag(consented), "{\"start_date\":\"26/11/2026\"}"),
                400,
                "/start_date");
        HttpResponse<String> active =
                platform.write("POST", path + "/activate", lead, etag(consented), "{\"start_date\":\"2026-11-28\"}");
        assertThat(json(active).get("status").asText(), is("active"));
        // reviews at 6 and 12 weeks from the start
        assertThat(json(active).get("next_review_due").asText(), is("2027-01-09"));
        assertProblem(
                platform.write("POST", path + "/activate", lead, etag(active), "{\"start_date\":\"2026-11-28\"}"),
                409,
                null);
    }

    @Test
    void badInputIsNamedAndNothingIsWritten() {
        String before = json(platform.getAs(manager, "/v1/fsps?per_page=1"))
                .get("total_items")
                .asText();
        assertProblem(create(lead, newPlan("Bad", "B80120000500X")), 400, "/family/children/0/upn");
        assertProblem(
                create(lead, newPlan("Bad", null).replace("getting-a-good-education", "getting-rich")),
                400,
                "/aspects/0/aspect_id");
        assertProblem(
                create(lead, newPlan("Bad", null).replace("2017-03-04", "2017-02-30")),
                400,
                "/family/children/0/date_of_birth");
        assertProblem(create(lead, newPlan("Bad", null).replace("\"tier\":2", "\"tier\":4")), 400, "/tier");
        assertProblem(
                create(lead, newPlan("Bad", null).replace("po4 0aa", "not a postcode")),
                400,
                "/family/address/postcode");
        assertProblem(
                create(lead, "{\"family\":" + family("Bad", null) + ",\"tier\":2,\"colour\":\"red\"}"), 400, null);
        assertProblem(
                platform.send(java.net.http.HttpRequest.newBuilder(platform.uri("/v1/fsps"))
                        .header("Authorization", "Bearer " + lead)
                        .header("Content-Type", "text/plain")
                        .POST(HttpRequest.BodyPublishers.ofString("hello"))),
                415,
                null);
        assertThat(
                json(platform.getAs(manager, "/v1/fsps?per_page=1"))
                        .get("total_items")
                        .asText(),
                is(before));
    }

    @Test
    void onlyProfessionalsAndEarlyHelpManagersReachPlans() {
        assertProblem(platform.get("/v1/fsps"), 401, null);
        assertProblem(platform.get("/v1/fsps/fsp-demo-overdue"), 401, null);
        for (String client : List.of("school", "partner", "officer", "admin", "editor")) {
            String token = platform.token(client);
            assertProblem(platform.getAs(token, "/v1/fsps"), 403, null);
            assertProblem(platform.getAs(token, "/v1/fsps/fsp-demo-overdue"), 403, null);
            assertProblem(create(token, newPlan("Nobody", null)), 403, null);
        }
        // a professional with no part in a plan cannot tell it exists
        String stranger = platform.token("professional");
        assertProblem(read(stranger, "fsp-demo-overdue"), 404, null);
        assertProblem(
                platform.send(HttpRequest.newBuilder(platform.uri("/v1/fsps/fsp-demo-overdue"))
                        .header("Authorization", "Bearer " + stranger)
                        .header("Accept", "application/pdf")
                        .GET()),
                404,
                null);
        assertProblem(
                platform.write(
                        "PUT",
                        "/v1/fsps/fsp-demo-overdue",
                        stranger,
                        "*",
                        "{\"family\":" + family("X", null) + ",\"tier\":2}"),
                404,
                null);
        assertThat(json(platform.getAs(stranger, "/v1/fsps")).get("total_items").asInt(), is(0));
    }

    @Test
    void teamMembersSeeThePlanAndUpdateOnlyTheirOwnActions() {
        String id = activePlan("Team", null);
        String path = "/v1/fsps/" + id;
        assertProblem(read(nurse, id), 404, null);
        HttpResponse<String> plan = read(lead, id);
        HttpResponse<String> added = platform.write(
                "POST",
                path + "/team",
                lead,
                etag(plan),
                "{\"kind\":\"professional\",\"member_id\":\"prof-demo-002\",\"name\":\"Jo Carter\",\"role\":\"School Nurse\",\"agency\":\"0-19 service\"}");
        assertThat(added.body(), added.statusCode(), is(200));
        assertProblem(
                platform.write(
                        "POST",
                        path + "/team",
                        lead,
                        etag(added),
                        "{\"kind\":\"professional\",\"member_id\":\"prof-demo-002\",\"name\":\"Jo\",\"role\":\"Nurse\",\"agency\":\"NHS\"}"),
                409,
                "/member_id");
        assertProblem(
                platform.write(
                        "POST", path + "/team", lead, etag(added), "{\"kind\":\"family\",\"member_id\":\"adult-7\"}"),
                400,
                "/member_id");
        HttpResponse<String> mum = platform.write(
                "POST", path + "/team", lead, etag(added), "{\"kind\":\"family\",\"member_id\":\"adult-1\"}");
        assertThat(json(mum).at("/team/2/name").asText(), is("Ola Team"));

        String action =
                "{\"aspect_id\":\"good-physical-and-mental-health\",\"description\":\"Health check\",\"owner_id\":\"prof-demo-002\","
                        + "\"due_on\":\"2026-12-20\"}";
        assertProblem(
                platform.write(
                        "POST", path + "/actions", lead, etag(mum), action.replace("prof-demo-002", "prof-demo-003")),
                400,
                "/owner_id");
        assertProblem(
                platform.write(
                        "POST",
                        path + "/actions",
                        lead,
                        etag(mum),
                        action.replace("good-physical-and-mental-health", "luck")),
                400,
                "/aspect_id");
        assertProblem(
                platform.write("POST", path + "/actions", lead, etag(mum), action.replace("2026-12-20", "2026-01-20")),
                400,
                "/due_on");
        HttpResponse<String> first = platform.write("POST", path + "/actions", lead, etag(mum), action);
        assertThat(first.body(), first.statusCode(), is(201));
        HttpResponse<String> second = platform.write(
                "POST",
                path + "/actions",
                lead,
                etag(first),
                action.replace("prof-demo-002", "adult-1").replace("Health check", "Call the housing officer"));
        assertThat(json(second).at("/actions/1/owner_name").asText(), is("Ola Team"));

        // the nurse, now in the team, sees the plan and her caseload shows it
        HttpResponse<String> seen = read(nurse, id);
        assertThat(seen.statusCode(), is(200));
        List<String> caseload = new ArrayList<>();
        json(platform.getAs(nurse, "/v1/fsps?per_page=100"))
                .get("contents")
                .forEach(e -> caseload.add(e.get("plan_id").asText()));
        assertThat(caseload, hasItem(id));
        HttpResponse<String> progress = platform.write(
                "POST",
                path + "/actions/action-1/progress",
                nurse,
                etag(seen),
                "{\"note\":\"Booked for 3 December\",\"status\":\"in_progress\"}");
        assertThat(progress.body(), progress.statusCode(), is(201));
        assertThat(json(progress).at("/actions/0/progress/0/by").asText(), is("Jo Carter"));
        assertProblem(
                platform.write(
                        "POST", path + "/actions/action-2/progress", nurse, etag(progress), "{\"note\":\"Done\"}"),
                403,
                null);
        assertProblem(
                platform.write(
                        "PATCH", path + "/actions/action-1", nurse, etag(progress), "{\"owner_id\":\"adult-1\"}"),
                403,
                null);
        assertProblem(
                platform.write(
                        "PUT",
                        path,
                        nurse,
                        etag(progress),
                        "{\"family\":" + family("Team", null) + ",\"tier\":3,\"tier_reason\":\"x\"}"),
                403,
                null);
        assertProblem(
                platform.write("POST", path + "/actions/action-9/progress", nurse, etag(progress), "{\"note\":\"x\"}"),
                404,
                null);
        HttpResponse<String> done =
                platform.write("PATCH", path + "/actions/action-1", nurse, etag(progress), "{\"status\":\"done\"}");
        assertThat(json(done).at("/actions/0/status").asText(), is("done"));

        // withdrawn consent ends sharing beyond the co-ordinator
        HttpResponse<String> withdrawn = platform.write(
                "POST",
                path + "/consent",
                lead,
                etag(done),
                "{\"withdrawn_on\":\"2026-11-28\",\"note\":\"Family asked\"}");
        assertThat(withdrawn.body(), withdrawn.statusCode(), is(200));
        assertProblem(read(nurse, id), 404, null);
        assertThat(read(lead, id).statusCode(), is(200));
        assertProblem(
                platform.write("DELETE", path + "/team/prof-demo-001", lead, etag(withdrawn), ""), 409, "/member_id");
        assertThat(
                platform.write("DELETE", path + "/team/prof-demo-002", lead, etag(withdrawn), "")
                        .statusCode(),
                is(200));
    }

    @Test
    void concurrentEditsNeverLoseAnUpdate() {
        String id = activePlan("Edits", null);
        String path = "/v1/fsps/" + id;
        String version = etag(read(lead, id));
        String body = "{\"family\":" + family("Edits", null)
                + ",\"tier\":2,\"aspects\":[{\"aspect_id\":\"financial-stability\",\"needs\":\"Debt\",\"focus\":true}]}";
        assertProblem(platform.write("PUT", path, lead, null, body), 428, "If-Match");
        HttpResponse<String> mine = platform.write("PUT", path, lead, version, body);
        assertThat(mine.statusCode(), is(200));
        // a manager editing from the same read is refused with the current version
        HttpResponse<String> theirs =
                platform.write("PUT", path, manager, version, body.replace("Debt", "Rent arrears"));
        assertProblem(theirs, 412, null);
        assertThat(json(theirs).get("current_etag").asText(), is(etag(mine)));
        assertThat(json(read(lead, id)).at("/aspects/9/needs").asText(), is("Debt"));
        HttpResponse<String> retried = platform.write(
                "PUT",
                path,
                manager,
                json(theirs).get("current_etag").asText(),
                body.replace("Debt", "Rent arrears")
                        .replace("\"tier\":2", "\"tier\":3,\"tier_reason\":\"More agencies involved\""));
        assertThat(retried.body(), retried.statusCode(), is(200));
        assertThat(json(retried).get("tier").asInt(), is(3));
        assertThat(json(retried).get("tier_history").size(), is(2));
        // the tier goes back to 2 only with a reason
        assertProblem(platform.write("PUT", path, lead, etag(retried), body), 400, "/tier_reason");
    }

    @Test
    void caseloadsShowTheRightPlansWithFilters() {
        JsonNode mine = json(platform.getAs(lead, "/v1/fsps?per_page=100"));
        List<String> ids = new ArrayList<>();
        mine.get("contents").forEach(e -> ids.add(e.get("plan_id").asText()));
        assertThat(ids, hasItems("fsp-demo-draft", "fsp-demo-overdue", "fsp-demo-closed"));
        assertThat(ids, not(hasItem("fsp-demo-transferred")));
        JsonNode overdue = json(platform.getAs(lead, "/v1/fsps?overdue=true"));
        assertThat(overdue.at("/contents/0/plan_id").asText(), is("fsp-demo-overdue"));
        assertThat(overdue.at("/contents/0/review_overdue").asBoolean(), is(true));
        assertThat(overdue.at("/contents/0/my_role").asText(), is("coordinator"));

        // the nurse is in the overdue plan's team and co-ordinates the transferred one
        List<String> nurses = new ArrayList<>();
        json(platform.getAs(nurse, "/v1/fsps?per_page=100"))
                .get("contents")
                .forEach(e -> nurses.add(e.get("plan_id").asText()));
        assertThat(nurses, hasItems("fsp-demo-overdue", "fsp-demo-transferred"));
        assertThat(nurses, not(hasItem("fsp-demo-draft")));

        JsonNode all = json(platform.getAs(manager, "/v1/fsps?per_page=100"));
        assertThat(all.get("total_items").asInt() >= 4, is(true));
        JsonNode tier3 = json(platform.getAs(manager, "/v1/fsps?tier=3&locality=south&coordinator=prof-demo-002"));
        assertThat(tier3.at("/contents/0/plan_id").asText(), is("fsp-demo-transferred"));
        List<String> closed = new ArrayList<>();
        json(platform.getAs(manager, "/v1/fsps?status=closed&per_page=100"))
                .get("contents")
                .forEach(e -> {
                    closed.add(e.get("plan_id").asText());
                    assertThat(e.get("status").asText(), is("closed"));
                });
        assertThat(closed, hasItem("fsp-demo-closed"));
        assertProblem(platform.getAs(manager, "/v1/fsps?tier=5"), 400, "tier");
        assertProblem(platform.getAs(manager, "/v1/fsps?locality=west"), 400, "locality");

        List<String> due = new ArrayList<>();
        json(platform.getAs(manager, "/v1/fsps/reviews-due?within_days=60"))
                .get("contents")
                .forEach(e -> due.add(e.get("plan_id").asText()));
        assertThat(due, hasItems("fsp-demo-overdue", "fsp-demo-transferred"));
        List<String> leadsDue = new ArrayList<>();
        json(platform.getAs(lead, "/v1/fsps/reviews-due"))
                .get("contents")
                .forEach(e -> leadsDue.add(e.get("plan_id").asText()));
        assertThat(leadsDue, hasItem("fsp-demo-overdue"));
        assertThat(leadsDue, not(hasItem("fsp-demo-transferred")));
        assertProblem(platform.getAs(lead, "/v1/fsps/reviews-due?within_days=-1"), 400, "within_days");
    }

    @Test
    void reviewsArePrePopulatedAndCompletedReviewsAreSnapshots() {
        String id = activePlan("Review", null);
        String path = "/v1/fsps/" + id;
        HttpResponse<String> plan = read(lead, id);
        plan = platform.write(
                "POST", path + "/team", lead, etag(plan), "{\"kind\":\"family\",\"member_id\":\"adult-1\"}");
        plan = platform.write(
                "POST",
                path + "/team",
                lead,
                etag(plan),
                "{\"kind\":\"professional\",\"member_id\":\"prof-demo-002\",\"name\":\"Jo Carter\",\"role\":\"School Nurse\",\"agency\":\"0-19\"}");
        for (String[] action : List.of(
                new String[] {"good-physical-and-mental-health", "Sleep routine", "prof-demo-002"},
                new String[] {"financial-stability", "Book the Citizens Advice debt service", "adult-1"},
                new String[] {"getting-a-good-education", "Breakfast club place", "prof-demo-001"})) {
            plan = platform.write(
                    "POST",
                    path + "/actions",
                    lead,
                    etag(plan),
                    "{\"aspect_id\":\"" + action[0] + "\",\"description\":\"" + action[1] + "\",\"owner_id\":\""
                            + action[2] + "\",\"due_on\":\"2026-12-18\"}");
            assertThat(plan.body(), plan.statusCode(), is(201));
        }
        plan = platform.write("PATCH", path + "/actions/action-3", lead, etag(plan), "{\"status\":\"done\"}");
        assertProblem(
                platform.write("POST", path + "/reviews/current/complete", lead, etag(plan), "{}"), 409, "/review");
        assertProblem(platform.write("POST", path + "/reviews", nurse, etag(plan), "{}"), 403, null);
        assertProblem(
                platform.write("POST", path + "/reviews", lead, etag(plan), "{\"started_on\":\"2026-11-22\"}"),
                400,
                "/started_on");
        HttpResponse<String> started =
                platform.write("POST", path + "/reviews", lead, etag(plan), "{\"started_on\":\"2026-11-27\"}");
        assertThat(started.body(), started.statusCode(), is(201));
        JsonNode draft = json(started).get("review_in_progress");
        assertThat(draft.get("number").asInt(), is(1));
        assertThat(draft.get("aspects").size(), is(10));
        // every aspect and every open action is copied; the done one is not
        assertThat(draft.at("/aspects/0/needs").asText(), is("Late most days"));
        assertThat(draft.get("actions").size(), is(2));
        assertProblem(platform.write("POST", path + "/reviews", lead, etag(started), "{}"), 409, "/review");

        String update = "{\"summary\":\"Good progress\",\"family_views\":\"Kerry feels supported\","
                + "\"aspects\":[{\"aspect_id\":\"financial-stability\",\"strengths\":\"Debt plan agreed\",\"needs\":\"Arrears reducing\",\"focus\":true}],"
                + "\"actions\":[{\"id\":\"action-2\",\"aspect_id\":\"financial-stability\",\"description\":\"Book the Citizens Advice debt service\","
                + "\"owner_id\":\"adult-1\",\"due_on\":\"2026-12-10\",\"status\":\"done\",\"progress\":[{\"note\":\"Seen on 2 November\"}]},"
                + "{\"aspect_id\":\"getting-a-good-education\",\"description\":\"Attendance review meeting\",\"owner_id\":\"prof-demo-001\","
                + "\"due_on\":\"2027-01-15\"}]}";
        assertProblem(
                platform.write(
                        "PUT",
                        path + "/reviews/current",
                        lead,
                        etag(started),
                        update.replace("\"owner_id\":\"prof-demo-001\"", "\"owner_id\":\"nobody\"")),
                400,
                "/actions/1/owner_id");
        assertProblem(
                platform.write(
                        "PUT", path + "/reviews/current", lead, etag(started), update.replace("action-2", "action-77")),
                400,
                "/actions/0/id");
        HttpResponse<String> updated = platform.write("PUT", path + "/reviews/current", lead, etag(started), update);
        assertThat(updated.body(), updated.statusCode(), is(200));
        assertThat(json(updated).at("/review_in_progress/actions/2/id").asText(), is("action-4"));
        assertProblem(
                platform.write(
                        "POST",
                        path + "/reviews/current/complete",
                        lead,
                        etag(updated),
                        "{\"completed_on\":\"2026-11-26\"}"),
                400,
                "/completed_on");
        HttpResponse<String> completed = platform.write(
                "POST", path + "/reviews/current/complete", lead, etag(updated), "{\"completed_on\":\"2026-11-28\"}");
        assertThat(completed.body(), completed.statusCode(), is(200));
        JsonNode after = json(completed);
        assertThat(after.has("review_in_progress"), is(false));
        assertThat(after.at("/reviews/0/number").asInt(), is(1));
        assertThat(after.get("actions").size(), is(4));
        // the next review is the 12-week one, counted from the start
        assertThat(after.path("review_overdue").asBoolean(), is(false));
        JsonNode last = after.get("history").get(after.get("history").size() - 1);
        assertThat(last.get("what").asText(), is("review 1 completed"));
        assertThat(
                last.get("detail").asText(),
                containsString("Financial stability: now a focus, strengths updated, needs updated"));
        assertThat(last.get("detail").asText(), containsString("not_started -> done"));
        assertThat(last.get("detail").asText(), containsString("new action 'Attendance review meeting'"));

        JsonNode snapshot = json(platform.getAs(lead, path + "/reviews/1"));
        assertThat(snapshot.get("summary").asText(), is("Good progress"));
        assertThat(snapshot.get("changes").size() >= 3, is(true));
        // later changes to the plan leave the snapshot as it was
        platform.write(
                "POST", path + "/actions/action-4/progress", lead, etag(completed), "{\"note\":\"Meeting booked\"}");
        assertThat(json(platform.getAs(lead, path + "/reviews/1")), is(snapshot));
        assertProblem(platform.getAs(lead, path + "/reviews/7"), 404, null);
        assertProblem(platform.getAs(lead, path + "/reviews/first"), 400, "number");
        JsonNode reviews = json(platform.getAs(nurse, path + "/reviews"));
        assertThat(reviews.get("next_review_due").asText(), is("2027-02-15"));
        assertThat(reviews.at("/completed/0/number").asInt(), is(1));
    }

    @Test
    void theCoordinatorRoleIsTransferredWithItsHistory() {
        String id = activePlan("Transfer", null);
        String path = "/v1/fsps/" + id;
        HttpResponse<String> plan = read(lead, id);
        String to =
                "{\"to\":{\"professional_id\":\"prof-demo-003\",\"name\":\"Alex Morgan\",\"role\":\"Family Support Worker\","
                        + "\"agency\":\"Early Help and Prevention\"},\"reason\":\"Needs have grown: Tier 3\",\"transfer_date\":\"2026-11-28\"}";
        assertProblem(
                platform.write(
                        "POST", path + "/transfer", lead, etag(plan), to.replace("prof-demo-003", "prof-demo-001")),
                400,
                "/to/professional_id");
        assertProblem(
                platform.write("POST", path + "/transfer", lead, etag(plan), to.replace("2026-11-28", "2025-01-01")),
                400,
                "/transfer_date");
        assertProblem(platform.write("POST", path + "/transfer", worker, etag(plan), to), 404, null);
        HttpResponse<String> moved = platform.write("POST", path + "/transfer", lead, etag(plan), to);
        assertThat(moved.body(), moved.statusCode(), is(200));
        JsonNode after = json(moved);
        assertThat(after.at("/coordinator/professional_id").asText(), is("prof-demo-003"));
        List<String> team = new ArrayList<>();
        after.get("team").forEach(m -> team.add(m.get("member_id").asText()));
        assertThat(team, hasItems("prof-demo-003", "prof-demo-001"));
        JsonNode last = after.get("history").get(after.get("history").size() - 1);
        assertThat(
                last.get("detail").asText(),
                containsString("from Sam Patel to Alex Morgan on 2026-11-28: Needs have grown"));
        // the previous co-ordinator is now a team member: can read, not change the plan
        assertThat(read(lead, id).statusCode(), is(200));
        assertProblem(
                platform.write(
                        "POST", path + "/transfer", lead, etag(moved), to.replace("prof-demo-003", "prof-demo-002")),
                403,
                null);
        assertThat(read(worker, id).statusCode(), is(200));
    }

    @Test
    void aPlanPrintsAsAPdfForTheFamily() throws IOException {
        HttpResponse<byte[]> pdf =
                platform.sendBytes(HttpRequest.newBuilder(platform.uri("/v1/fsps/fsp-demo-transferred"))
                        .header("Authorization", "Bearer " + nurse)
                        .header("Accept", "application/pdf")
                        .GET());
        assertThat(pdf.statusCode(), is(200));
        assertThat(pdf.headers().firstValue("Content-Type").orElse(""), is("application/pdf"));
        assertThat(
                pdf.headers().firstValue("Content-Disposition").orElse(""),
                containsString("okafor-family-support-plan.pdf"));
        String text = text(pdf.body());
        assertThat(text, containsString("Family Support Plan"));
        assertThat(text, containsString("The Okafor family"));
        assertThat(text, containsString("Daniel Okafor"));
        assertThat(text, containsString("Given by Ruth Okafor"));
        assertThat(text, containsString("Jo Carter"));
        assertThat(text, containsString("Secure and suitable housing"));
        assertThat(text, containsString("Speech and language referral"));
        assertThat(text, containsString("Review 1: completed"));
        assertThat(text, not(containsString("fsp-demo")));
        assertThat(text, not(containsString("prof-demo")));
        assertThat(text, not(containsString("adult-")));

        HttpResponse<byte[]> review =
                platform.sendBytes(HttpRequest.newBuilder(platform.uri("/v1/fsps/fsp-demo-transferred/reviews/1"))
                        .header("Authorization", "Bearer " + nurse)
                        .header("Accept", "application/pdf")
                        .GET());
        String reviewText = text(review.body());
        assertThat(reviewText, containsString("review 1"));
        assertThat(reviewText, containsString("Ruth and Chidi feel things are calmer at home."));
        assertThat(reviewText, containsString("What changed at this review"));
        assertThat(
                json(platform.getAs(nurse, "/v1/fsps/fsp-demo-transferred"))
                        .get("id")
                        .asText(),
                is("fsp-demo-transferred"));
    }

    @Test
    void suggestedSupportComesFromTheDirectoryForTheFocusAspects() {
        JsonNode suggested = json(platform.getAs(lead, "/v1/fsps/fsp-demo-overdue/suggested-services"));
        assertThat(suggested.get("available").asBoolean(), is(true));
        List<String> aspects = new ArrayList<>();
        suggested.get("aspects").forEach(a -> aspects.add(a.get("aspect_id").asText()));
        assertThat(aspects, hasItems("getting-a-good-education", "good-physical-and-mental-health"));
        int services = 0;
        for (JsonNode aspect : suggested.get("aspects")) {
            services += aspect.has("services") ? aspect.get("services").size() : 0;
        }
        assertThat(services > 0, is(true));
        assertProblem(
                platform.getAs(platform.token("professional"), "/v1/fsps/fsp-demo-overdue/suggested-services"),
                404,
                null);
    }

    @Test
    void aClosedPlanReopensOnlyByAManagerWithinTheWindow() {
        String id = activePlan("Closing", null);
        String path = "/v1/fsps/" + id;
        HttpResponse<String> plan = read(lead, id);
        assertProblem(platform.write("POST", path + "/close", lead, etag(plan), "{}"), 400, "/outcome");
        assertProblem(
                platform.write(
                        "POST",
                        path + "/close",
                        lead,
                        etag(plan),
                        "{\"outcome\":\"needs_met\",\"closed_on\":\"2026-11-01\"}"),
                400,
                "/closed_on");
        HttpResponse<String> closed = platform.write(
                "POST",
                path + "/close",
                lead,
                etag(plan),
                "{\"outcome\":\"stepped_up_to_social_care\",\"note\":\"Referred to MASH\"}");
        assertThat(closed.body(), closed.statusCode(), is(200));
        assertThat(json(closed).at("/closure/outcome").asText(), is("stepped_up_to_social_care"));
        assertProblem(
                platform.write(
                        "POST",
                        path + "/actions",
                        lead,
                        etag(closed),
                        "{\"aspect_id\":\"financial-stability\","
                                + "\"description\":\"x\",\"owner_id\":\"prof-demo-001\",\"due_on\":\"2026-12-20\"}"),
                409,
                null);
        assertProblem(
                platform.write("POST", path + "/reopen", lead, etag(closed), "{\"reason\":\"Mistake\"}"), 403, null);
        assertProblem(platform.write("POST", path + "/reopen", manager, etag(closed), "{}"), 400, null);
        HttpResponse<String> reopened = platform.write(
                "POST", path + "/reopen", manager, etag(closed), "{\"reason\":\"Social care declined\"}");
        assertThat(reopened.body(), reopened.statusCode(), is(200));
        assertThat(json(reopened).get("status").asText(), is("active"));
        assertProblem(
                platform.write("POST", path + "/reopen", manager, etag(reopened), "{\"reason\":\"Again\"}"),
                409,
                "/status");
    }

    @Test
    void theAttendanceServiceLearnsWhetherAFamilyHasAnOpenPlan() {
        String rest = "851700026" + "077";
        String upn = Upns.checkLetter(rest) + rest;
        String school = platform.token("school");
        HttpResponse<String> roll = platform.write(
                "POST",
                "/v1/schools/116000/pupils",
                school,
                null,
                "{\"pupils\":[{\"upn\":\"" + upn
                        + "\",\"given_name\":\"Kai\",\"family_name\":\"Panel\",\"date_of_birth\":\"2017-03-04\",\"year_group\":4,\"sen_status\":\"none\"}]}");
        assertThat(roll.body(), roll.statusCode(), is(200));
        activePlan("Panel", upn);
        String evidence =
                "\"evidence\":{\"irregular_attendance_history\":\"Since Year 2\",\"parental_engagement\":\"Missed two meetings\","
                        + "\"interventions\":[{\"kind\":\"fsp\",\"description\":\"Family Support Plan\",\"effect\":\"Some\"}]}";
        JsonNode referral = json(platform.write(
                "POST",
                "/v1/attendance/sap-referrals",
                school,
                null,
                "{\"urn\":\"116000\",\"upn\":\"" + upn + "\"," + evidence + "}"));
        assertThat(referral.toString(), referral.get("family_has_fsp").asText(), is("yes"));
    }

    private static String text(byte[] pdf) {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(document);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
