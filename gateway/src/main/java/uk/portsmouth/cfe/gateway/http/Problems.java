package uk.portsmouth.cfe.gateway.http;

import io.grpc.StatusRuntimeException;
import java.util.List;
import uk.portsmouth.cfe.platform.errors.FieldError;
import uk.portsmouth.cfe.platform.grpc.GrpcErrors;

/**
 * The problems the API answers with, one place for their types, titles and statuses, and the
 * mapping from gRPC statuses to them.
 */
public final class Problems {

    private static final String TYPE = "https://cfe.portsmouth.gov.uk/problems/";

    private Problems() {}

    public static ProblemException invalid(String detail, List<FieldError> errors) {
        return new ProblemException(400, TYPE + "invalid-request", "The request is not valid", detail, errors);
    }

    public static ProblemException invalidParameter(String parameter, String detail) {
        return invalid(detail, List.of(new FieldError(parameter, detail)));
    }

    public static ProblemException malformedJson(String detail) {
        return new ProblemException(
                400,
                TYPE + "malformed-json",
                "The body is not valid JSON",
                detail,
                List.of(new FieldError("/", detail)));
    }

    public static ProblemException unauthenticated(String detail) {
        return new ProblemException(401, TYPE + "unauthenticated", "Authentication is required", detail)
                .header("WWW-Authenticate", "Bearer realm=\"cfe\"");
    }

    public static ProblemException invalidToken(String detail) {
        return new ProblemException(401, TYPE + "invalid-token", "The bearer token is not valid", detail)
                .header("WWW-Authenticate", "Bearer realm=\"cfe\", error=\"invalid_token\"");
    }

    public static ProblemException forbidden(String detail) {
        return new ProblemException(403, TYPE + "forbidden", "You may not do this", detail);
    }

    public static ProblemException notFound(String detail) {
        return new ProblemException(404, TYPE + "not-found", "Not found", detail);
    }

    public static ProblemException methodNotAllowed(String allow) {
        return new ProblemException(
                        405, TYPE + "method-not-allowed", "Method not allowed", "This resource allows " + allow)
                .header("Allow", allow);
    }

    public static ProblemException stale(String currentEtag) {
        return new ProblemException(
                        412,
                        TYPE + "stale-version",
                        "The record has changed",
                        "Someone else changed this record since you read it; read it again and reapply "
                                + "your change",
                        List.of(new FieldError("If-Match", "not the current version")))
                .with("current_etag", currentEtag);
    }

    public static ProblemException preconditionRequired() {
        return new ProblemException(
                428,
                TYPE + "precondition-required",
                "If-Match is required",
                "Send the record's ETag in If-Match so that no one's change is lost",
                List.of(new FieldError("If-Match", "required")));
    }

    public static ProblemException tooLarge(long limit) {
        return new ProblemException(
                413, TYPE + "payload-too-large", "The body is too large", "Bodies are limited to " + limit + " bytes");
    }

    public static ProblemException unsupportedMediaType() {
        return unsupportedMediaType("application/json");
    }

    /** A body in a media type the route does not take; {@code accepted} lists those it does. */
    public static ProblemException unsupportedMediaType(String accepted) {
        return new ProblemException(
                415,
                TYPE + "unsupported-media-type",
                "Unsupported media type",
                "Send the body as " + accepted,
                List.of(new FieldError("Content-Type", "must be " + accepted)));
    }

    /** The request clashes with what is stored, about {@code field}. */
    public static ProblemException conflict(String field, String detail) {
        return new ProblemException(409, TYPE + "conflict", "Conflict", detail, List.of(new FieldError(field, detail)));
    }

    /** An Idempotency-Key sent again with a different request. */
    public static ProblemException idempotencyKeyReused() {
        return new ProblemException(
                422,
                TYPE + "idempotency-key-reused",
                "Idempotency-Key reused",
                "This Idempotency-Key was sent with a different request; use a new key for a new request",
                List.of(new FieldError("Idempotency-Key", "was used for a different request")));
    }

    /** A retry that arrived while the first request with its Idempotency-Key still runs. */
    public static ProblemException idempotencyKeyInUse() {
        return new ProblemException(
                        409,
                        TYPE + "idempotency-key-in-use",
                        "Request in progress",
                        "A request with this Idempotency-Key is still being processed; retry shortly",
                        List.of(new FieldError("Idempotency-Key", "a request with this key is in progress")))
                .header("Retry-After", "1");
    }

    public static ProblemException unavailable(String detail) {
        return new ProblemException(503, TYPE + "unavailable", "A service is unavailable", detail)
                .header("Retry-After", "5");
    }

    public static ProblemException internal() {
        return new ProblemException(
                500, TYPE + "internal-error", "Internal error", "Something went wrong on our side; it has been logged");
    }

    /** The problem a failed gRPC call stands for. */
    public static ProblemException from(StatusRuntimeException error) {
        String detail = error.getStatus().getDescription();
        return switch (error.getStatus().getCode()) {
            case INVALID_ARGUMENT, OUT_OF_RANGE -> invalid(detail, GrpcErrors.fieldErrors(error));
            case NOT_FOUND -> notFound(detail);
            case PERMISSION_DENIED -> forbidden(detail);
            case UNAUTHENTICATED -> unauthenticated(detail);
            case ALREADY_EXISTS, ABORTED ->
                new ProblemException(409, TYPE + "conflict", "Conflict", detail, GrpcErrors.fieldErrors(error));
            case FAILED_PRECONDITION ->
                GrpcErrors.currentVersion(error)
                        .map(version -> stale(ETags.ofVersion(version)))
                        .orElseGet(() -> new ProblemException(409, TYPE + "conflict", "Conflict", detail));
            case RESOURCE_EXHAUSTED ->
                new ProblemException(429, TYPE + "too-many-requests", "Too many requests", detail);
            case UNAVAILABLE, DEADLINE_EXCEEDED, CANCELLED ->
                unavailable("The service behind this route did not answer in time");
            default -> internal();
        };
    }
}
