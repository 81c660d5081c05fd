package uk.portsmouth.cfe.platform.grpc;

/**
 * The platform's four services as their callers name them: the key of their
 * {@code services.<key>.target} setting, their name (the audience of the assertions they accept),
 * and where they listen by default.
 */
public enum PlatformServices {
    DIRECTORY("directory", "directory-service", "127.0.0.1:9081"),
    CONTACTS("contacts", "safeguarding-contacts-service", "127.0.0.1:9082"),
    ATTENDANCE("attendance", "attendance-service", "127.0.0.1:9083"),
    FSP("fsp", "fsp-service", "127.0.0.1:9084");

    private final String configKey;
    private final String serviceName;
    private final String defaultTarget;

    PlatformServices(String configKey, String serviceName, String defaultTarget) {
        this.configKey = configKey;
        this.serviceName = serviceName;
        this.defaultTarget = defaultTarget;
    }

    public String configKey() {
        return configKey;
    }

    public String serviceName() {
        return serviceName;
    }

    public String defaultTarget() {
        return defaultTarget;
    }
}
