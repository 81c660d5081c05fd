package uk.portsmouth.cfe.gateway.http;

import java.util.regex.Pattern;

/**
 * Cells a spreadsheet would evaluate (CSV injection, OWASP): a value that starts, after any
 * whitespace or non-breaking space, with {@code = + - @} (or a full-width {@code ＝}), or that starts
 * with a tab or carriage return, is written with a leading apostrophe so it stays text. Telephone
 * numbers such as {@code +44 23 9268 8888} are left as they are.
 */
public final class CsvCells {

    private static final Pattern PHONE_LIKE = Pattern.compile("[+-][0-9 ()-]*");

    private CsvCells() {}

    public static String safe(String value) {
        if (value.isEmpty()) {
            return value;
        }
        if (value.charAt(0) == '\t' || value.charAt(0) == '\r') {
            return "'" + value;
        }
        int start = 0;
        while (start < value.length()
                && (Character.isWhitespace(value.charAt(start)) || Character.isSpaceChar(value.charAt(start)))) {
            start++;
        }
        if (start == value.length()) {
            return value;
        }
        char first = value.charAt(start);
        boolean formula = first == '='
                || first == '@'
                || first == '\uFF1D'
                || ((first == '+' || first == '-')
                        && !PHONE_LIKE.matcher(value.substring(start)).matches());
        return formula ? "'" + value : value;
    }
}
