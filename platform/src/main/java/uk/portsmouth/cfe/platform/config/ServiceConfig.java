package uk.portsmouth.cfe.platform.config;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import java.util.Map;

/**
 * Loads one component's configuration: its own YAML file on the classpath (named after the
 * component, so several components can share one JVM in the launcher), overridden by system
 * properties and then environment variables ({@code MONGODB_URI} becomes {@code mongodb.uri},
 * {@code SERVER_PORT} becomes {@code server.port}).
 */
public final class ServiceConfig {

    private ServiceConfig() {}

    /** Loads {@code <component>.yaml} with environment and system-property overrides. */
    public static Config load(String component) {
        return load(component, Map.of());
    }

    /**
     * As {@link #load(String)}, with explicit overrides that win over everything else
     * (the launcher and tests use these to choose ports and stores).
     */
    public static Config load(String component, Map<String, String> overrides) {
        return Config.builder()
                .disableEnvironmentVariablesSource()
                .disableSystemPropertiesSource()
                .addSource(ConfigSources.create(overrides))
                .addSource(ConfigSources.environmentVariables())
                .addSource(ConfigSources.systemProperties())
                .addSource(ConfigSources.classpath(component + ".yaml"))
                .build();
    }
}
