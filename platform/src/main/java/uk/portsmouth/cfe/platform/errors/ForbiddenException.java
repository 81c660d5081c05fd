package uk.portsmouth.cfe.platform.errors;

/** The caller is known but may not do this. */
public final class ForbiddenException extends RuntimeException {

    public ForbiddenException(String detail) {
        super(detail);
    }
}
