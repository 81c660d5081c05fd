// The reference front end in headless Chromium, as people would use it: open the page, press
// "Sign in", choose a demo person on the provider's page, come back with a code, and see what the
// platform lets that person see. Run by clients/browser/run --test (CI: ./cfe client-check).
import assert from "node:assert/strict";
import puppeteer from "puppeteer-core";

const frontEnd = process.env.FRONT_END ?? "http://localhost:3000/";
const issuer = process.env.ISSUER ?? "http://localhost:8085/council";
const chromium = process.env.CFE_CHROMIUM || "/usr/bin/chromium";

const browser = await puppeteer.launch({
    executablePath: chromium,
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
});

function ok(what) {
    console.log("ok  " + what);
}

/** A new tab (its own sessionStorage), the front end's page, and "Sign in" to the provider's page. */
async function toTheProvider() {
    const page = await browser.newPage();
    page.on("pageerror", (error) => console.error("page error: " + error));
    await page.goto(frontEnd);
    await page.waitForSelector("body[data-ready=true]");
    await Promise.all([page.waitForNavigation(), page.click("#sign-in")]);
    assert.ok(page.url().startsWith(issuer + "/authorize"), "at the provider: " + page.url());
    const query = new URL(page.url()).searchParams;
    assert.equal(query.get("code_challenge_method"), "S256");
    assert.equal(query.get("response_type"), "code");
    return page;
}

/** Back at the front end, its work done: the page marks itself ready. */
async function backAtTheFrontEnd(page) {
    await page.waitForSelector("body[data-ready=true]");
    assert.ok(page.url().startsWith(frontEnd), "back at the front end: " + page.url());
    assert.ok(!page.url().includes("code="), "the spent code is out of the address bar");
}

async function signInAs(person) {
    const page = await toTheProvider();
    await Promise.all([page.waitForNavigation(), page.click(`button[data-person="${person}"]`)]);
    await backAtTheFrontEnd(page);
    return page;
}

async function rows(page, body) {
    return page.$$eval(`#${body} tr`, (trs) => trs.map((tr) => [...tr.children].map((td) => td.textContent)));
}

try {
    // a lead professional: their own caseload
    const sam = await signInAs("oid-sam-patel");
    assert.match(await sam.$eval("#who", (e) => e.textContent), /Sam Patel \(professional\)/);
    await sam.waitForSelector("#caseload:not([hidden])");
    const plans = await rows(sam, "caseload-rows");
    assert.ok(plans.length >= 1, "Sam's caseload has plans");
    assert.ok(plans.every((plan) => ["coordinator", "team_member"].includes(plan[4])), "each plan is Sam's: " + plans);
    assert.equal(await sam.$eval("#absence-reports", (e) => e.hidden), true);
    ok(`a lead professional signs in and reads their caseload (${plans.length} plans)`);

    // a school's designated safeguarding lead: their school's absence reports, and no caseload
    const dee = await signInAs("oid-dee-lead");
    await dee.waitForSelector("#absence-reports:not([hidden])");
    assert.equal(await dee.$eval("#absence-report-school", (e) => e.textContent), "116156");
    const reports = await rows(dee, "absence-report-rows");
    assert.ok(reports.length >= 1, "the school has reports");
    assert.equal(await dee.$eval("#caseload", (e) => e.hidden), true);
    ok(`a school's staff signs in and reads their school's absence reports (${reports.length})`);

    // an attendance officer: signed in, and told this front end has nothing for the role
    const ola = await signInAs("oid-ola-officer");
    assert.match(await ola.$eval("#message", (e) => e.textContent), /your role has neither/);
    ok("an LA officer signs in; the front end says what it shows");

    // someone the platform cannot place: the gateway's problem says what is missing
    const stranger = await toTheProvider();
    await stranger.$eval("details", (d) => (d.open = true));
    await stranger.$eval('input[name="username"]:not([type="hidden"])', (input) => (input.value = "oid-stranger"));
    await stranger.$eval(
        "textarea[name=claims]",
        (area) =>
            (area.value = JSON.stringify({
                oid: "oid-stranger",
                name: "Stan Ger",
                preferred_username: "stan.ger@elsewhere.example",
                roles: ["CFE.LeadProfessional"],
                groups: [],
            })),
    );
    await Promise.all([stranger.waitForNavigation(), stranger.click("details button[type=submit]")]);
    await backAtTheFrontEnd(stranger);
    assert.match(await stranger.$eval("#message", (e) => e.textContent), /403: .*not in the directory of professionals/);
    ok("a person the directory does not know is refused, saying why");
} finally {
    await browser.close();
}
