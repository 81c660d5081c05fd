// A school's MIS receiving the platform's webhooks, as an integrator would write it: subscribe,
// ask for a test event, and verify what arrives with the Standard Webhooks reference library
// (an implementation the platform does not use). Run by ./cfe client-check against the embedded
// default (which allows a receiver on loopback).
import http from "node:http";
import { Webhook } from "standardwebhooks";

const api = process.env.CFE_API ?? "http://localhost:8080";

async function token() {
    const answer = await fetch(api + "/v1/oauth/token", {
        method: "POST",
        headers: { "Content-Type": "application/x-www-form-urlencoded" },
        body: "grant_type=client_credentials&client_id=demo-school&client_secret=demo-school-secret",
    });
    return (await answer.json()).access_token;
}

// the receiver: answers 204 to the first delivery and hands it over
let deliver;
const received = new Promise((resolve) => (deliver = resolve));
const server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (chunk) => (body += chunk));
    req.on("end", () => {
        res.writeHead(204).end();
        server.close();
        deliver({ headers: req.headers, body });
    });
});
await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));

const bearer = "Bearer " + (await token());
const subscribed = await fetch(api + "/v1/webhooks", {
    method: "POST",
    headers: { Authorization: bearer, "Content-Type": "application/json" },
    body: JSON.stringify({
        url: `http://127.0.0.1:${server.address().port}/cfe-events`,
        events: ["absence-report.created"],
    }),
});
if (subscribed.status !== 201) {
    throw new Error("subscribing answered " + subscribed.status + ": " + (await subscribed.text()));
}
const subscription = await subscribed.json();
await fetch(`${api}/v1/webhooks/${subscription.id}/test`, { method: "POST", headers: { Authorization: bearer } });

const timeout = setTimeout(() => {
    console.error("no delivery within 15 s");
    process.exit(1);
}, 15000);
const delivery = await received;
clearTimeout(timeout);
const event = new Webhook(subscription.secret).verify(delivery.body, delivery.headers);
if (event.type !== "webhook.test" || event.data.subscription_id !== subscription.id) {
    throw new Error("unexpected event: " + delivery.body);
}
// a forged body does not verify
let forgedRefused = false;
try {
    new Webhook(subscription.secret).verify(delivery.body.replace("webhook.test", "webhook.tset"), delivery.headers);
} catch {
    forgedRefused = true;
}
if (!forgedRefused) {
    throw new Error("a changed body verified");
}
await fetch(`${api}/v1/webhooks/${subscription.id}`, {
    method: "DELETE",
    headers: { Authorization: bearer, "If-Match": `"v${subscription.version}"` },
});
console.log("ok  a signed webhook verified by the Standard Webhooks reference library (" + delivery.headers["webhook-id"] + ")");
