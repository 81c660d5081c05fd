package uk.portsmouth.cfe.gateway.auth;

import io.helidon.config.Config;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import uk.portsmouth.cfe.platform.reference.Roles;

/**
 * The OAuth2 clients allowed to ask for tokens, with the claims their tokens carry: the ones in
 * configuration (bootstrap, fixed until restart) and, once {@link #withStore} is given, the ones
 * the LA registers through the API (shared by every gateway instance).
 */
public final class ClientRegistry {

    /**
     * One client as the token service sees it. {@code secretHash} is a {@link SecretHasher} hash (empty for
     * stored clients).
     */
    public record Client(
            String id,
            String secretHash,
            String name,
            List<String> roles,
            List<String> schoolUrns,
            String professionalId) {

        public Client {
            roles = List.copyOf(roles);
            schoolUrns = List.copyOf(schoolUrns);
        }
    }

    private record KnownStatus(boolean refused, Instant readAt) {}

    private final Map<String, Client> configured;
    private final Optional<ClientStore> store;
    private final Clock clock;
    private final Duration statusCacheTime;
    private final Map<String, KnownStatus> statuses = new ConcurrentHashMap<>();

    public ClientRegistry(List<Client> clients) {
        this(clients, Optional.empty(), Clock.systemUTC(), Duration.ZERO);
    }

    private ClientRegistry(List<Client> clients, Optional<ClientStore> store, Clock clock, Duration statusCacheTime) {
        for (Client client : clients) {
            if (!Roles.ALL.containsAll(client.roles())) {
                throw new IllegalArgumentException("Client " + client.id() + " has an unknown role: " + client.roles());
            }
        }
        this.configured = clients.stream().collect(Collectors.toUnmodifiableMap(Client::id, Function.identity()));
        this.store = store;
        this.clock = clock;
        this.statusCacheTime = statusCacheTime;
    }

    /** Reads {@code auth.clients} (a list of id, secret-hash, name, roles, school-urns, professional-id). */
    public static ClientRegistry fromConfig(Config clientsConfig) {
        List<Client> clients = clientsConfig.asNodeList().orElse(List.of()).stream()
                .map(c -> new Client(
                        c.get("id").asString().get(),
                        c.get("secret-hash").asString().get(),
                        c.get("name").asString().orElse(c.get("id").asString().get()),
                        c.get("roles").asList(String.class).orElse(List.of()),
                        c.get("school-urns").asList(String.class).orElse(List.of()),
                        c.get("professional-id").asString().orElse("")))
                .toList();
        return new ClientRegistry(clients);
    }

    /**
     * These configured clients plus the ones in {@code clients}; a stored client's suspension or
     * revocation reaches this instance's token checks within {@code statusCacheTime} (at once on
     * the instance that made it).
     */
    public ClientRegistry withStore(ClientStore clients, Clock clock, Duration statusCacheTime) {
        return new ClientRegistry(List.copyOf(configured.values()), Optional.of(clients), clock, statusCacheTime);
    }

    /** The client, if {@code secret} is its secret (a stored client also must be active); its use is noted. */
    public Optional<Client> authenticate(String clientId, String secret) {
        Client fixed = configured.get(clientId);
        if (fixed != null) {
            return Optional.of(fixed).filter(client -> SecretHasher.matches(secret, client.secretHash()));
        }
        Instant now = clock.instant();
        Optional<ApiClient> stored = store.flatMap(s -> s.find(clientId)).filter(client -> client.accepts(secret, now));
        stored.ifPresent(client -> store.get().touch(client.id(), now));
        return stored.map(ApiClient::asClient);
    }

    /** The client {@code clientId} in configuration, if it is one. */
    public Optional<Client> configured(String clientId) {
        return Optional.ofNullable(configured.get(clientId));
    }

    public List<Client> configuredClients() {
        return configured.values().stream()
                .sorted(java.util.Comparator.comparing(Client::id))
                .toList();
    }

    /** Whether tokens of {@code clientId} must be refused now: a stored client that is suspended or revoked. */
    public boolean refused(String clientId) {
        if (store.isEmpty() || configured.containsKey(clientId)) {
            return false;
        }
        Instant now = clock.instant();
        KnownStatus known = statuses.get(clientId);
        if (known == null || !known.readAt().plus(statusCacheTime).isAfter(now)) {
            boolean refused = store.get()
                    .find(clientId)
                    .map(c -> !c.status().equals(ApiClient.ACTIVE))
                    .orElse(false);
            known = new KnownStatus(refused, now);
            statuses.put(clientId, known);
        }
        return known.refused();
    }

    /** Forgets what this instance knew of {@code clientId}'s status (it just changed it). */
    void statusChanged(String clientId) {
        statuses.remove(clientId);
    }
}
