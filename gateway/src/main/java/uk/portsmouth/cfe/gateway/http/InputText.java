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
        checkJson(node, new Pointer(null, pointer), errors);
    }

    /**
     * Where a value is in the body: its parent and its own (escaped) segment, spelled out only for an
     * error (a batch of marks has some 50,000 values, almost always all fine).
     */
    private record Pointer(Pointer parent, String segment) {
        Pointer child(String name) {
            return new Pointer(this, "/" + name);
        }

        @Override
        public String toString() {
            return parent == null ? segment : parent + segment;
        }

        String orRoot() {
            String pointer = toString();
            return pointer.isEmpty() ? "/" : pointer;
        }
    }

    private static void checkJson(JsonNode node, Pointer pointer, List<FieldError> errors) {
        if (node.isTextual() && !printable(node.textValue(), true)) {
            errors.add(new FieldError(pointer.orRoot(), "holds control characters or is not Unicode text"));
        } else if (node.isTextual() && !sensibleYear(node.textValue())) {
            errors.add(new FieldError(pointer.orRoot(), "must be a date from " + FIRST_YEAR + " to " + LAST_YEAR));
        } else if (node.isTextual()
                && pointer.segment().endsWith("email")
                && !node.textValue().isEmpty()
                && !EMAIL.matcher(node.textValue()).matches()) {
            errors.add(new FieldError(pointer.orRoot(), "must be an email address"));
        } else if (node.isNumber() && !sensibleNumber(node)) {
            errors.add(new FieldError(pointer.orRoot(), "is out of range"));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                checkJson(node.get(i), pointer.child(Integer.toString(i)), errors);
            }
        } else if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (!printable(field.getKey(), false)) {
                    errors.add(new FieldError(pointer + "/(a field name)", "is not a field name this API uses"));
                } else {
                    Pointer child =
                            pointer.child(field.getKey().replace("~", "~0").replace("/", "~1"));
                    checkJson(field.getValue(), child, errors);
                }
            }
        }
    }

    static boolean sensibleYear(String value) {
        if (isPlainDate(value)) {
            // yyyy-mm-dd, by far the most common (every mark has one): read without the pattern
            int year = Integer.parseInt(value, 0, 4, 10);
            return year >= FIRST_YEAR && year <= LAST_YEAR;
        }
        if (value.isEmpty() || !(isAsciiDigit(value.charAt(0)) || value.charAt(0) == '+' || value.charAt(0) == '-')) {
            return true; // no date begins otherwise
        }
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

    private static boolean isPlainDate(String value) {
        if (value.length() != 10 || value.charAt(4) != '-' || value.charAt(7) != '-') {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            if (i != 4 && i != 7 && !isAsciiDigit(value.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isAsciiDigit(char c) {
        return c >= '0' && c <= '9';
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
