package uk.portsmouth.cfe.gateway.auth;

import com.fasterxml.jackson.databind.JsonNode;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import uk.portsmouth.cfe.gateway.http.ETags;
import uk.portsmouth.cfe.gateway.http.Json;
import uk.portsmouth.cfe.gateway.http.Problems;
import uk.portsmouth.cfe.gateway.http.QueryParams;
import uk.portsmouth.cfe.gateway.http.RequestBodies;
import uk.portsmouth.cfe.platform.audit.AuditLog;
import uk.portsmouth.cfe.platform.audit.AuditSubjects;
import uk.portsmouth.cfe.platform.paging.Paging;
import uk.portsmouth.cfe.platform.reference.Roles;
import uk.portsmouth.cfe.platform.trust.RandomSecrets;
import uk.portsmouth.cfe.proto.attendance.v1.SchoolRegistryGrpc.SchoolRegistryBlockingStub;
import uk.portsmouth.cfe.proto.common.v1.CallerContext;
import uk.portsmouth.cfe.proto.contacts.v1.MeetingsServiceGrpc.MeetingsServiceBlockingStub;
import uk.portsmouth.cfe.proto.contacts.v1.RevokeCalendarFeedRequest;
import uk.portsmouth.cfe.proto.fsp.v1.ProfessionalDirectoryGrpc.ProfessionalDirectoryBlockingStub;

/**
 * {@code /v1/clients}: the LA ({@code la_admin}) registers API clients (schools' MIS, partners,
 * front ends) without a restart: the secret is shown once and only its hash is kept; a rotation
 * keeps the previous secret working for a configured overlap; a suspension or revocation ends the
 * client's tokens at once (see {@link ClientRegistry#refused}) and its calendar feed link. Clients
 * in configuration are listed too, read-only. Every change is audited.
 */
public final class ClientRoutes implements HttpService {
    /** Where the gateway mounts these routes (docs/architecture.md, "Route index"). */
    public static final String PREFIX = "/v1/clients";

    private static final Set<String> ADMIN = Set.of(Roles.LA_ADMIN);

    private static final Set<String> STATUSES = Set.of(ApiClient.ACTIVE, ApiClient.SUSPENDED, ApiClient.REVOKED);

    private final ClientStore store;

    private final ClientRegistry registry;

    private final Authenticator authenticator;

    private final RequestBodies bodies;

    private final MeetingsServiceBlockingStub meetings;

    private final ClientProfiles profiles;
    private final AuditLog audit;

    private final Clock clock;

    private final Duration rotationOverlap;

    public ClientRoutes(
            ClientStore store,
            ClientRegistry registry,
            Authenticator authenticator,
            RequestBodies bodies,
            MeetingsServiceBlockingStub meetings,
            SchoolRegistryBlockingStub schools,
            ProfessionalDirectoryBlockingStub professionals,
            AuditLog audit,
            Clock clock,
            Duration rotationOverlap) {
        this.store = store;
        this.registry = registry;
        this.authenticator = authenticator;
        this.bodies = bodies;
        this.meetings = meetings;
        this.profiles = new ClientProfiles(schools, professionals, authenticator);
        this.audit = audit;
        this.clock = clock;
        this.rotationOverlap = rotationOverlap;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", this::list)
                .post("/", this::register)
                .get("/{id}", this::get)
                .patch("/{id}", this::change)
                .post("/{id}/secret", this::rotate);
    }

    private void list(ServerRequest req, ServerResponse res) {
        authenticator.require(req, ADMIN);
        String status = QueryParams.text(req, "status");
        if (!status.isEmpty() && !STATUSES.contains(status)) {
            throw Problems.invalidParameter("status", "status is active, suspended or revoked");
        }
        List<Map<String, Object>> all = new ArrayList<>();
        if (status.isEmpty() || status.equals(ApiClient.ACTIVE)) {
            registry.configuredClients().forEach(c -> all.add(ClientViews.configuredView(c)));
        }
        store.all().stream()
                .filter(c -> status.isEmpty() || c.status().equals(status))
                .forEach(c -> all.add(ClientViews.view(c)));
        Paging paging = Paging.of(QueryParams.page(req));
        List<Map<String, Object>> page = paging.slice(all);
        Json.ok(req, res, Json.pageOfValues(req, res, paging.info(all.size(), page.size()), page));
    }

    private void get(ServerRequest req, ServerResponse res) {
        authenticator.require(req, ADMIN);
        String id = id(req);
        Optional<ClientRegistry.Client> configured = registry.configured(id);
        if (configured.isPresent()) {
            Json.ok(req, res, Json.write(ClientViews.configuredView(configured.get())));
            return;
        }
        ApiClient client = stored(id);
        Json.send(req, res, Status.OK_200, Json.write(ClientViews.view(client)), ETags.ofVersion(client.version()));
    }

    private void register(ServerRequest req, ServerResponse res) {
        Caller admin = authenticator.require(req, ADMIN);
        JsonNode body = bodies.read(req, "ApiClientInput");
        String id = body.path("client_id").asText("");
        ClientRules.checkId(id);
        ClientRules.Profile profile = profiles.known(req, admin, ClientRules.checked(ClientProfiles.profile(body)));
        if (registry.configured(id).isPresent()) {
            throw Problems.conflict("/client_id", id + " is a client in configuration already");
        }
        String secret = RandomSecrets.newSecret();
        String now = clock.instant().toString();
        ApiClient client = new ApiClient(
                id,
                profile.name(),
                profile.roles(),
                profile.schoolUrns(),
                profile.professionalId(),
                profile.contactEmail(),
                ApiClient.ACTIVE,
                List.of(new ApiClient.Secret(SecretHasher.hash(secret), now, "")),
                now,
                admin.subject(),
                "",
                1);
        if (!store.insert(client)) {
            throw Problems.conflict("/client_id", id + " is registered already");
        }
        audit.record(
                context(req, admin),
                "register-client",
                "registered with roles " + String.join(",", profile.roles()),
                AuditSubjects.of("client", id));
        res.header(HeaderNames.LOCATION, "/v1/clients/" + id).header(HeaderNames.CACHE_CONTROL, "no-store");
        Map<String, Object> shown = ClientViews.view(client);
        shown.put("client_secret", secret);
        Json.send(req, res, Status.CREATED_201, Json.write(shown), ETags.ofVersion(1));
    }

    /** New name, roles, schools, professional id, contact or status; a suspension or revocation cuts the client off. */
    private void change(ServerRequest req, ServerResponse res) {
        Caller admin = authenticator.require(req, ADMIN);
        ApiClient current = atVersion(stored(id(req)), ETags.requiredVersion(req));
        JsonNode body = bodies.read(req, "ApiClientChange");
        ClientRules.Profile profile = profiles.known(
                req,
                admin,
                ClientRules.checked(new ClientRules.Profile(
                        body.path("name").asText(current.name()),
                        body.has("roles") ? ClientProfiles.strings(body.get("roles")) : current.roles(),
                        body.has("school_urns")
                                ? ClientProfiles.strings(body.get("school_urns"))
                                : current.schoolUrns(),
                        body.path("professional_id").asText(current.professionalId()),
                        body.path("contact_email").asText(current.contactEmail()))));
        String status = body.path("status").asText(current.status());
        if (current.status().equals(ApiClient.REVOKED)) {
            throw Problems.conflict("/status", "a revoked client stays revoked: register a new one");
        }
        if (!status.equals(ApiClient.ACTIVE)) {
            // its calendar link goes first: if that cannot be done, nothing has changed
            authenticator
                    .on(meetings, req, Optional.of(asCaller(current)))
                    .revokeCalendarFeed(RevokeCalendarFeedRequest.getDefaultInstance());
        }
        ApiClient changed = new ApiClient(
                current.id(),
                profile.name(),
                profile.roles(),
                profile.schoolUrns(),
                profile.professionalId(),
                profile.contactEmail(),
                status,
                current.secrets(),
                current.createdAt(),
                current.createdBy(),
                current.lastUsedAt(),
                current.version());
        save(changed);
        audit.record(
                context(req, admin),
                "change-client",
                status.equals(current.status()) ? "changed" : "status " + current.status() + " -> " + status,
                AuditSubjects.of("client", current.id()));
        Json.send(
                req,
                res,
                Status.OK_200,
                Json.write(ClientViews.view(stored(current.id()))),
                ETags.ofVersion(current.version() + 1));
    }

    /** A new secret, shown once; the ones before it keep working for the overlap, then stop. */
    private void rotate(ServerRequest req, ServerResponse res) {
        Caller admin = authenticator.require(req, ADMIN);
        ApiClient current = atVersion(stored(id(req)), ETags.requiredVersion(req));
        if (!current.status().equals(ApiClient.ACTIVE)) {
            throw Problems.conflict("/status", "only an active client's secret is rotated");
        }
        Instant now = clock.instant();
        String overlapEnd = now.plus(rotationOverlap).toString();
        List<ApiClient.Secret> secrets = new ArrayList<>();
        current.secrets().stream()
                .filter(s -> s.validAt(now))
                .map(s -> s.validUntil().isEmpty() ? new ApiClient.Secret(s.hash(), s.createdAt(), overlapEnd) : s)
                .forEach(secrets::add);
        String secret = RandomSecrets.newSecret();
        secrets.add(new ApiClient.Secret(SecretHasher.hash(secret), now.toString(), ""));
        save(new ApiClient(
                current.id(),
                current.name(),
                current.roles(),
                current.schoolUrns(),
                current.professionalId(),
                current.contactEmail(),
                current.status(),
                secrets,
                current.createdAt(),
                current.createdBy(),
                current.lastUsedAt(),
                current.version()));
        audit.record(
                context(req, admin),
                "rotate-client-secret",
                "previous secrets valid until " + overlapEnd,
                AuditSubjects.of("client", current.id()));
        res.header(HeaderNames.CACHE_CONTROL, "no-store");
        res.header(HeaderNames.LOCATION, "/v1/clients/" + current.id());
        Json.send(
                req,
                res,
                Status.CREATED_201,
                Json.write(Json.map(
                        "client_id",
                        current.id(),
                        "client_secret",
                        secret,
                        "previous_secrets_valid_until",
                        overlapEnd)),
                ETags.ofVersion(current.version() + 1));
    }

    private void save(ApiClient changed) {
        if (!store.replace(changed)) {
            throw Problems.stale(ETags.ofVersion(stored(changed.id()).version()));
        }
        registry.statusChanged(changed.id());
    }

    private ApiClient stored(String id) {
        return store.find(id)
                .orElseThrow(() -> registry.configured(id).isPresent()
                        ? Problems.conflict("/client_id", id + " is configured in gateway.yaml: change it there")
                        : Problems.notFound("There is no client " + id));
    }

    private static ApiClient atVersion(ApiClient client, long expected) {
        if (expected != 0 && expected != client.version()) {
            throw Problems.stale(ETags.ofVersion(client.version()));
        }
        return client;
    }

    /** The client itself, as the services are told of it (to end its calendar link). */
    private static Caller asCaller(ApiClient client) {
        return new Caller(
                client.id(),
                client.id(),
                client.name(),
                client.roles(),
                client.schoolUrns(),
                client.professionalId(),
                "");
    }

    private CallerContext context(ServerRequest req, Caller admin) {
        return authenticator.context(req, Optional.of(admin));
    }

    private static String id(ServerRequest req) {
        return req.path().pathParameters().get("id");
    }
}
