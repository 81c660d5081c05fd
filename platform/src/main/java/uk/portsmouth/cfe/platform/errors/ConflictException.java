package uk.portsmouth.cfe.platform.errors;

/** The request clashes with what is stored (e.g. an idempotency key reused for a different request). */
public final class ConflictException extends RuntimeException {

    private final String field;

    public ConflictException(String field, String detail) {
        super(detail);
        this.field = field;
    }

    /** What the clash is about ("Idempotency-Key", "/name"...). */
    public String field() {
        return field;
    }
}
