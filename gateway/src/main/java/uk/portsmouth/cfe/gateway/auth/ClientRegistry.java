package uk.portsmouth.cfe.gateway.auth;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.helidon.config.Config;

/** The OAuth2 clients allowed to ask for tokens, with the claims their tokens carry. */
public final class ClientRegistry {

    /** One configured client. {@code secretHash} is a {@link SecretHasher} hash. */
    public record Client(String id, String secretHash, String name, List<String> roles, List<String> schoolUrns,
                         String professionalId) {

        public Client {
            roles = List.copyOf(roles);
            schoolUrns = List.copyOf(schoolUrns);
        }
    }

    private final Map<String, Client> clients;

    public ClientRegistry(List<Client> clients) {
        for (Client client : clients) {
            if (!Roles.ALL.containsAll(client.roles())) {
                throw new IllegalArgumentException("Client " + client.id() + " has an unknown role: " + client.roles());
            }
        }
        this.clients = clients.stream().collect(Collectors.toUnmodifiableMap(Client::id, Function.identity()));
    }

    /** Reads {@code auth.clients} (a list of id, secret-hash, name, roles, school-urns, professional-id). */
    public static ClientRegistry fromConfig(Config clientsConfig) {
        List<Client> clients = clientsConfig.asNodeList().orElse(List.of()).stream()
                .map(c -> new Client(c.get("id").asString().get(),
                                     c.get("secret-hash").asString().get(),
                                     c.get("name").asString().orElse(c.get("id").asString().get()),
                                     c.get("roles").asList(String.class).orElse(List.of()),
                                     c.get("school-urns").asList(String.class).orElse(List.of()),
                                     c.get("professional-id").asString().orElse("")))
                .toList();
        return new ClientRegistry(clients);
    }

    /** The client, if {@code secret} is its secret. */
    public Optional<Client> authenticate(String clientId, String secret) {
        return Optional.ofNullable(clients.get(clientId))
                .filter(client -> SecretHasher.matches(secret, client.secretHash()));
    }
}
