package uk.portsmouth.cfe.gateway.http;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import uk.portsmouth.cfe.platform.errors.FieldError;

/**
 * An RFC 9457 problem to send instead of a result. {@code errors} name the offending fields:
 * a JSON pointer into the body ("/name"), a query parameter ("age") or a header ("If-Match").
 */
public final class ProblemException extends RuntimeException {

    private final int status;
    private final String type;
    private final String title;
    private final List<FieldError> errors;
    private final Map<String, Object> extensions = new LinkedHashMap<>();
    private final Map<String, String> headers = new LinkedHashMap<>();

    public ProblemException(int status, String type, String title, String detail, List<FieldError> errors) {
        super(detail);
        this.status = status;
        this.type = type;
        this.title = title;
        this.errors = List.copyOf(errors);
    }

    public ProblemException(int status, String type, String title, String detail) {
        this(status, type, title, detail, List.of());
    }

    /** Adds a member to the problem body (e.g. {@code current_etag}). */
    public ProblemException with(String name, Object value) {
        extensions.put(name, value);
        return this;
    }

    /** Adds a response header (e.g. {@code WWW-Authenticate}, {@code Allow}). */
    public ProblemException header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    public int status() {
        return status;
    }

    public String type() {
        return type;
    }

    public String title() {
        return title;
    }

    public List<FieldError> errors() {
        return errors;
    }

    public Map<String, Object> extensions() {
        return extensions;
    }

    public Map<String, String> headers() {
        return headers;
    }
}
