package uk.portsmouth.cfe.platform.identifiers;

import java.text.Normalizer;
import java.util.Locale;

/**
 * Names as they are compared when a record names a child without a UPN (a parent's absence report,
 * a MET booking): "Zoë O'Neil-Smith" and "zoe oneil smith" are one. Exact after that: no nicknames,
 * no typo tolerance (a near miss is left for a person to match).
 */
public final class PersonNames {

    private PersonNames() {}

    /** {@code name} without accents, case, spaces, apostrophes, hyphens or full stops. */
    public static String plain(String name) {
        return Normalizer.normalize(name, Normalizer.Form.NFD)
                .replaceAll("\\p{M}", "")
                .toLowerCase(Locale.ROOT)
                .replaceAll("[\\s'’\\-.]", "");
    }

    /**
     * One written full name is this given and family name, in either order ("Zoe O'Neil Smith",
     * "O'NEIL SMITH Zoe": registers often put the family name first).
     */
    public static boolean sameFullName(String fullName, String givenName, String familyName) {
        String written = plain(fullName);
        String given = plain(givenName);
        String family = plain(familyName);
        return !written.isEmpty() && (written.equals(given + family) || written.equals(family + given));
    }
}
