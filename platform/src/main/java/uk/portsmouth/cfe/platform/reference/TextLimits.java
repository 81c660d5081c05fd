package uk.portsmouth.cfe.platform.reference;

/**
 * How long the platform's free-text fields may be: one definition, used by the services' rules
 * and checked against the OpenAPI schemas' {@code maxLength} (the gateway's OpenApiTest), so the
 * edge and the service can never disagree.
 */
public final class TextLimits {

    /** A person's, team's or school's name, an organisation's name in a registration. */
    public static final int NAME = 200;
    /** ORUK names (services, organisations): the standard's own 255. */
    public static final int ORUK_NAME = 255;
    /** A description. */
    public static final int DESCRIPTION = 10_000;
    /** A short account: a concern raised, a note on a request or decision. */
    public static final int SUMMARY = 2_000;
    /** A short note on a record (a mark's comment). */
    public static final int NOTE = 500;
    /** An address: a web address, an identity provider's issuer. */
    public static final int URL = 2_048;
    /** A meeting's minutes. */
    public static final int MINUTES = 100_000;

    private TextLimits() {}
}
