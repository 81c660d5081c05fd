// The main journeys against a running platform, written only against the generated client: if a
// change to the API document breaks a front end's code, this stops compiling or fails.
import { AttendanceApi, AuthApi, Configuration, DirectoryApi, FspApi, MeetingsApi, OrukApi } from "./sdk";

// Node's own globals, declared here so the check needs no package beyond TypeScript
declare const process: { env: Record<string, string | undefined>; exit(code: number): never };

const basePath = process.env.CFE_API ?? "http://localhost:8080";

function check(what: string, ok: boolean): void {
    if (!ok) {
        throw new Error("smoke test failed: " + what);
    }
    console.log("ok  " + what);
}

/** The last weekday before today (YYYY-MM-DD): a school day of the demo's register. */
function lastWeekday(): string {
    const day = new Date();
    do {
        day.setUTCDate(day.getUTCDate() - 1);
    } while (day.getUTCDay() === 0 || day.getUTCDay() === 6);
    return day.toISOString().substring(0, 10);
}

async function signedIn(clientId: string): Promise<Configuration> {
    const token = await new AuthApi(new Configuration({ basePath })).createToken({
        grantType: "client_credentials",
        clientId,
        clientSecret: clientId + "-secret",
    });
    check("a token for " + clientId, (token.accessToken ?? "").length > 20);
    // typescript-fetch puts the oauth2 scheme's value into Authorization as it is, and prefixes
    // the bearer scheme's: give each what it expects
    const accessToken = token.accessToken!;
    return new Configuration({
        basePath,
        accessToken: async (scheme?: string) => (scheme === "oauth2" ? "Bearer " + accessToken : accessToken),
    });
}

async function main(): Promise<void> {
    // the public directory and the ORUK feed
    const found = await new DirectoryApi(new Configuration({ basePath })).listDirectoryServices({
        search: "counselling",
        perPage: 5,
    });
    check("directory search finds services", found.contents.length > 0 && found.contents[0].name.length > 0);
    const oruk = await new OrukApi(new Configuration({ basePath })).listOrukServices({ perPage: 5 });
    check("the ORUK feed pages", oruk.totalItems > 0);

    // a school's pupils and one pupil's measures
    const school = await signedIn("demo-school");
    const pupils = await new AttendanceApi(school).listSchoolPupils({ urn: "116000", perPage: 1 });
    const upn: string = pupils.contents[0].upn;
    check("the school's roll", upn.length === 13);
    const attendance = await new AttendanceApi(school).getPupilAttendance({
        urn: "116000",
        upn,
        from: new Date("2026-09-01T00:00:00Z"),
    });
    check(
        "a pupil's measures",
        attendance.pupil.upn === upn && attendance.measures.possibleSessions >= attendance.measures.present,
    );
    const batch = await new AttendanceApi(school).submitAttendanceMarks({
        urn: "116000",
        marksInput: { marks: [{ upn, date: new Date(lastWeekday() + "T00:00:00Z"), session: "AM", code: "/" }] },
    });
    check("a marks batch", batch.recorded + batch.corrected + batch.unchanged === 1);

    // a Family Support Plan: create, consent, activate (each step on the ETag the last one gave)
    const fsp = new FspApi(await signedIn("demo-professional"));
    const created = await fsp.createFspRaw({
        fspInput: {
            family: {
                familyName: "Smoke",
                address: { lines: ["1 Test Street"], postcode: "PO4 0AA", locality: "south" },
                children: [{ givenName: "Kai", familyName: "Smoke", dateOfBirth: new Date("2017-03-04") }],
                adults: [{ givenName: "Ola", familyName: "Smoke", relationship: "mother" }],
            },
            tier: 2,
            aspects: [{ aspectId: "getting-a-good-education", strengths: "Maths", needs: "Late", focus: true }],
        },
    });
    const plan = await created.value();
    check("a plan is created", created.raw.status === 201 && plan.status === "draft");
    const consent = await fsp.recordFspConsentRaw({
        id: plan.id!,
        ifMatch: created.raw.headers.get("ETag")!,
        fspConsentInput: { givenBy: "adult-1", givenOn: new Date("2026-11-20") },
    });
    const active = await fsp.activateFsp({
        id: plan.id!,
        ifMatch: consent.raw.headers.get("ETag")!,
        fspActivationInput: { startDate: new Date("2026-11-23") },
    });
    check("the plan is active", active.status === "active");

    // a professional registers for a public meeting
    const meetings = new MeetingsApi(await signedIn("demo-professional-2"));
    const upcoming = await meetings.listMeetings({ perPage: 5 });
    const registration = await meetings.registerForMeeting({
        id: upcoming.contents[0].id,
        registrationInput: { name: "Jo Carter", email: "jo.carter@nhs.example", organisation: "NHS" },
        idempotencyKey: "smoke-registration", // run again, the first answer again
    });
    check("a meeting registration", registration.status === "registered" || registration.status === "waiting");
}

main().catch((error) => {
    console.error(error);
    process.exit(1);
});
