package uk.portsmouth.cfe.platform.errors;

/** No such record, or none the caller may know exists. */
public final class NotFoundException extends RuntimeException {

    public NotFoundException(String kind, String id) {
        super(kind + " " + id + " was not found");
    }
}
