package uk.portsmouth.cfe.platform.errors;

/**
 * One thing wrong with a request: {@code field} is a JSON-pointer-like path into the request
 * ("/service/attributes/0/taxonomy_term_id", or a query parameter name), {@code message} says why.
 */
public record FieldError(String field, String message) {}
