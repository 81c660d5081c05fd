package uk.portsmouth.cfe.gateway.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import uk.portsmouth.cfe.platform.errors.FieldError;

/**
 * Text no field of the API takes: control characters (NUL and the rest; tab and line breaks only
 * inside JSON strings, where notes may hold them), lone surrogates (not Unicode), and path or query
 * values longer than any identifier or search. Refused at the edge, naming where it was, before
 * anything reaches a service or a store.
 */
public final class InputText {

    private static final int MAX_QUERY_VALUE = 1_000;
    /** A value that is a date or date-time, whatever its year; its year must be one the platform's records can have. */
    private static final Pattern DATE = Pattern.compile("^([+-]?\\d{4,})-\\d{2}-\\d{2}(T.*)?$");
    /** Every field named like an email holds one: a local part, @, a domain with a dot; nothing else. */
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]+$");

    private static final int FIRST_YEAR = 1900;
    private static final int LAST_YEAR = 2199;

    private InputText() {}

    /** The filter: the path's segments and every query parameter. */
    public static void filter(FilterChain chain, RoutingRequest request, RoutingResponse response) {
        String path = request.path().path();
        if (!printable(path, false)) {
            throw Problems.invalidParameter("path", "The path holds characters no identifier has");
        }
        for (String name : request.query().names()) {
            if (!printable(name, false) || name.length() > 100) {
                throw Problems.invalidParameter("query", "A query parameter's name is not one this API uses");
            }
            for (String value : request.query().all(name)) {
                if (!printable(value, false)) {
                    throw Problems.invalidParameter(name, name + " holds control characters or is not Unicode text");
                }
                if (!sensibleYear(value)) {
                    throw Problems.invalidParameter(
                            name, name + " must be a date from " + FIRST_YEAR + " to " + LAST_YEAR);
                }
                if (value.length() > MAX_QUERY_VALUE) {
                    throw Problems.invalidParameter(name, name + " is longer than " + MAX_QUERY_VALUE + " characters");
                }
            }
        }
        chain.proceed();
    }

    /** Adds an error for every string or field name in {@code node} holding text no field takes. */
    static void checkJson(JsonNode node, String pointer, List<FieldError> errors) {
        String at = pointer.isEmpty() ? "/" : pointer;
        if (node.isTextual() && !printable(node.textValue(), true)) {
            errors.add(new FieldError(at, "holds control characters or is not Unicode text"));
        } else if (node.isTextual() && !sensibleYear(node.textValue())) {
            errors.add(new FieldError(at, "must be a date from " + FIRST_YEAR + " to " + LAST_YEAR));
        } else if (node.isTextual()
                && pointer.endsWith("email")
                && !node.textValue().isEmpty()
                && !EMAIL.matcher(node.textValue()).matches()) {
            errors.add(new FieldError(at, "must be an email address"));
        } else if (node.isNumber() && !sensibleNumber(node)) {
            errors.add(new FieldError(at, "is out of range"));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                checkJson(node.get(i), pointer + "/" + i, errors);
            }
        } else if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                String child = pointer + "/" + field.getKey().replace("~", "~0").replace("/", "~1");
                if (!printable(field.getKey(), false)) {
                    errors.add(new FieldError(pointer + "/(a field name)", "is not a field name this API uses"));
                } else {
                    checkJson(field.getValue(), child, errors);
                }
            }
        }
    }

    private static boolean sensibleYear(String value) {
        Matcher date = DATE.matcher(value);
        if (!date.matches()) {
            return true;
        }
        String year = date.group(1);
        return year.length() == 4
                && Character.isDigit(year.charAt(0))
                && Integer.parseInt(year) >= FIRST_YEAR
                && Integer.parseInt(year) <= LAST_YEAR;
    }

    /** Whole numbers within 32 bits (every whole-number field of a request is), decimals finite. */
    private static boolean sensibleNumber(JsonNode number) {
        if (number.isIntegralNumber()) {
            return number.canConvertToInt();
        }
        return Double.isFinite(number.doubleValue());
    }

    /** No control characters ({@code lineBreaks}: tab, CR and LF allowed) and no lone surrogates. */
    static boolean printable(String text, boolean lineBreaks) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                if (!(lineBreaks && (c == '\t' || c == '\n' || c == '\r'))) {
                    return false;
                }
            } else if (Character.isHighSurrogate(c)) {
                if (i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1))) {
                    return false;
                }
                i++;
            } else if (Character.isLowSurrogate(c) || c == '\uFFFD') {
                return false; // a lone low surrogate, or bytes that were not UTF-8
            }
        }
        return true;
    }
}
