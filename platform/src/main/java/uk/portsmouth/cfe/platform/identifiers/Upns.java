package uk.portsmouth.cfe.platform.identifiers;

import java.util.regex.Pattern;

/**
 * Unique Pupil Numbers (docs/domain-reference.md 4): a check letter, then 12 characters (LA, establishment,
 * year, serial); a temporary UPN ends in a letter. The check letter is the sum of each character's
 * value times its position (2-13), mod 23, read through the letter table (no I, O, S).
 */
public final class Upns {

    private static final String LETTERS = "ABCDEFGHJKLMNPQRTUVWXYZ";
    private static final Pattern SHAPE = Pattern.compile("^[A-Z][0-9]{11}[0-9A-Z]$");

    private Upns() {}

    public static boolean isValid(String upn) {
        if (upn == null || !SHAPE.matcher(upn).matches()) {
            return false;
        }
        int last = LETTERS.indexOf(upn.charAt(12));
        if (Character.isLetter(upn.charAt(12)) && last < 0) {
            return false;
        }
        return upn.charAt(0) == checkLetter(upn.substring(1));
    }

    /** The check letter of the 12 characters after it. */
    public static char checkLetter(String rest) {
        int sum = 0;
        for (int i = 0; i < 12; i++) {
            char c = rest.charAt(i);
            int value = Character.isDigit(c) ? c - '0' : LETTERS.indexOf(c);
            sum += value * (i + 2);
        }
        return LETTERS.charAt(sum % 23);
    }
}
