// Signing a person in with Authorization Code + PKCE, through oauth4webapi (a certified OpenID
// client library): the front end is a public client, so it holds no secret; the PKCE verifier
// proves the code is redeemed by the page that asked for it. The verifier and state live in
// sessionStorage only across the provider's redirect; the access token lives in memory only.
import * as oauth from "oauth4webapi";

/** Where this front end signs people in: its provider, its client id there, and where it is sent back. */
export interface SignInSettings {
    issuer: string;
    clientId: string;
    redirectUri: string;
}

/** What a completed sign-in leaves the page: the access token for the API and when it expires. */
export interface SignedIn {
    accessToken: string;
    expiresAt: number;
}

const PENDING = "cfe-sign-in-pending";

/** Plain http is allowed only for a provider on this machine (the embedded default's demo sign-in). */
function httpOptions(issuer: URL): { [oauth.allowInsecureRequests]?: boolean } {
    const local = issuer.protocol === "http:" && ["localhost", "127.0.0.1"].includes(issuer.hostname);
    return local ? { [oauth.allowInsecureRequests]: true } : {};
}

async function discover(settings: SignInSettings): Promise<oauth.AuthorizationServer> {
    const issuer = new URL(settings.issuer);
    const response = await oauth.discoveryRequest(issuer, { algorithm: "oidc", ...httpOptions(issuer) });
    return oauth.processDiscoveryResponse(issuer, response);
}

/** Sends the browser to the provider's sign-in, with a fresh PKCE challenge and state. */
export async function beginSignIn(settings: SignInSettings): Promise<void> {
    const server = await discover(settings);
    const verifier = oauth.generateRandomCodeVerifier();
    const state = oauth.generateRandomState();
    sessionStorage.setItem(PENDING, JSON.stringify({ verifier, state }));
    const authorize = new URL(server.authorization_endpoint!);
    authorize.search = new URLSearchParams({
        response_type: "code",
        client_id: settings.clientId,
        redirect_uri: settings.redirectUri,
        scope: "openid profile",
        state,
        code_challenge: await oauth.calculatePKCECodeChallenge(verifier),
        code_challenge_method: "S256",
    }).toString();
    window.location.assign(authorize.toString());
}

/**
 * On the way back from the provider: checks the state, redeems the code with the verifier, and
 * answers the tokens. Null when this page load is not a return from a sign-in.
 */
export async function completeSignIn(settings: SignInSettings, here: URL): Promise<SignedIn | null> {
    const pending = sessionStorage.getItem(PENDING);
    if (!pending || !(here.searchParams.has("code") || here.searchParams.has("error"))) {
        return null;
    }
    sessionStorage.removeItem(PENDING);
    const { verifier, state } = JSON.parse(pending) as { verifier: string; state: string };
    const server = await discover(settings);
    const client: oauth.Client = { client_id: settings.clientId };
    const answer = oauth.validateAuthResponse(server, client, here, state);
    const response = await oauth.authorizationCodeGrantRequest(
        server,
        client,
        oauth.None(),
        answer,
        settings.redirectUri,
        verifier,
        httpOptions(new URL(settings.issuer)),
    );
    const tokens = await oauth.processAuthorizationCodeResponse(server, client, response);
    // the code is spent: take it out of the address bar and the history
    window.history.replaceState(null, "", settings.redirectUri);
    return {
        accessToken: tokens.access_token,
        expiresAt: Date.now() + (tokens.expires_in ?? 300) * 1000,
    };
}
