// The reference front end: a person signs in through the council's identity provider and sees
// what the platform lets them see: a lead professional their caseload, a school's staff their
// school's absence reports. Every API call goes through the client generated from the API
// document (./sdk); who the person is comes from GET /v1/me, never from the provider's claims.
import {
    AttendanceApi,
    AuthApi,
    CallerIdentity,
    Configuration,
    FspApi,
    ResponseError,
    SchoolAbsenceReport,
    FspSummary,
} from "./sdk";
import { beginSignIn, completeSignIn, SignedIn, SignInSettings } from "./sign-in";

/** config.json, served beside the page: the API and the provider this deployment uses. */
interface FrontEndConfig {
    api: string;
    issuer: string;
    clientId: string;
}

function element<T extends HTMLElement>(id: string): T {
    return document.getElementById(id) as T;
}

function show(id: string, visible: boolean): void {
    element(id).hidden = !visible;
}

function say(text: string): void {
    element("message").textContent = text;
}

/** A table body of rows of cells, as text (never HTML: the data is people's). */
function fill(id: string, rows: string[][]): void {
    const body = element<HTMLTableSectionElement>(id);
    body.replaceChildren(
        ...rows.map((cells) => {
            const row = document.createElement("tr");
            for (const cell of cells) {
                const td = document.createElement("td");
                td.textContent = cell;
                row.appendChild(td);
            }
            return row;
        }),
    );
}

function day(value: Date | undefined): string {
    return value ? value.toISOString().substring(0, 10) : "";
}

/** What a refused call says: the problem's detail (RFC 9457), or its status. */
async function problem(error: unknown): Promise<string> {
    if (error instanceof ResponseError) {
        const body = await error.response.json().catch(() => ({}));
        return `${error.response.status}: ${body.detail ?? body.title ?? error.response.statusText}`;
    }
    return String(error);
}

async function showCaseload(api: Configuration): Promise<void> {
    const caseload = await new FspApi(api).listCaseload({ perPage: 50 });
    fill(
        "caseload-rows",
        caseload.contents.map((plan: FspSummary) => [
            plan.familyName ?? "",
            String(plan.tier ?? ""),
            plan.status ?? "",
            day(plan.nextReviewDue) + (plan.reviewOverdue ? " (overdue)" : ""),
            plan.myRole ?? "",
        ]),
    );
    element("caseload-total").textContent = String(caseload.totalItems);
    show("caseload", true);
}

async function showAbsenceReports(api: Configuration, urn: string): Promise<void> {
    const reports = await new AttendanceApi(api).listSchoolAbsenceReports({ urn, perPage: 50 });
    fill(
        "absence-report-rows",
        reports.contents.map((entry: SchoolAbsenceReport) => [
            `${entry.report.child?.givenName ?? ""} ${entry.report.child?.familyName ?? ""}`.trim(),
            day(entry.report.firstDay),
            entry.report.reason ?? "",
            entry.report.status ?? "",
            entry.match.status,
        ]),
    );
    element("absence-report-school").textContent = urn;
    element("absence-report-total").textContent = String(reports.totalItems);
    show("absence-reports", true);
}

async function signedInAs(config: FrontEndConfig, signedIn: SignedIn): Promise<void> {
    const api = new Configuration({
        basePath: config.api,
        // the generated client sends the oauth2 scheme's value as it is, and prefixes the bearer scheme's
        accessToken: async (scheme?: string) =>
            scheme === "oauth2" ? "Bearer " + signedIn.accessToken : signedIn.accessToken,
    });
    const me: CallerIdentity = await new AuthApi(api).getCaller();
    element("who").textContent = `${me.name} (${me.roles.join(", ")})`;
    element("who").dataset.roles = me.roles.join(" ");
    show("sign-in", false);
    show("sign-out", true);
    if (me.roles.includes("professional") || me.roles.includes("early_help_manager")) {
        await showCaseload(api);
    }
    if (me.roles.includes("school")) {
        for (const urn of me.schoolUrns) {
            await showAbsenceReports(api, urn);
        }
    }
    if (element("caseload").hidden && element("absence-reports").hidden) {
        say("Signed in. This front end shows caseloads and schools' absence reports; your role has neither.");
    }
}

async function main(): Promise<void> {
    const config: FrontEndConfig = await (await fetch("config.json")).json();
    const settings: SignInSettings = {
        issuer: config.issuer,
        clientId: config.clientId,
        redirectUri: new URL("/", window.location.href).toString(),
    };
    element("sign-in").addEventListener("click", () => {
        beginSignIn(settings).catch(async (error) => say("Sign-in failed: " + (await problem(error))));
    });
    element("sign-out").addEventListener("click", () => window.location.assign(settings.redirectUri));
    try {
        const signedIn = await completeSignIn(settings, new URL(window.location.href));
        if (signedIn) {
            await signedInAs(config, signedIn);
        }
    } catch (error) {
        // e.g. 403 "... is not in the directory of professionals": the gateway says what is missing
        say("Signed in, but the platform refused: " + (await problem(error)));
        show("sign-in", true);
    }
    document.body.dataset.ready = "true";
}

main();
