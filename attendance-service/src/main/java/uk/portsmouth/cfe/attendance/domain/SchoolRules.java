package uk.portsmouth.cfe.attendance.domain;

import java.util.regex.Pattern;
import uk.portsmouth.cfe.platform.errors.FieldChecks;
import uk.portsmouth.cfe.platform.proto.ClosedSets;
import uk.portsmouth.cfe.platform.reference.Localities;
import uk.portsmouth.cfe.platform.reference.TextLimits;
import uk.portsmouth.cfe.proto.attendance.v1.School;
import uk.portsmouth.cfe.proto.attendance.v1.SchoolPhase;

/** What makes an entry in the school register valid (docs/domain-reference.md 4: URN and LAESTAB). */
public final class SchoolRules {

    private static final Pattern URN = Pattern.compile("^[0-9]{6}$");
    private static final Pattern LAESTAB = Pattern.compile("^[0-9]{7}$");
    private static final Pattern POSTCODE = Pattern.compile("^[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2}$");

    private SchoolRules() {}

    public static boolean isUrn(String value) {
        return URN.matcher(value).matches();
    }

    /** Checks a school as the LA sent it; throws with every problem, nothing is written. */
    public static void validate(School school) {
        FieldChecks checks = new FieldChecks();
        if (!isUrn(school.getUrn())) {
            checks.fail("/urn", "urn must be 6 digits");
        }
        if (!LAESTAB.matcher(school.getLaestab()).matches()) {
            checks.fail(
                    "/laestab", "laestab must be 7 digits: the 3-digit LA code and the 4-digit establishment number");
        }
        if (school.getName().isBlank()) {
            checks.fail("/name", "name is required");
        } else if (school.getName().length() > TextLimits.NAME) {
            checks.fail("/name", "name must be at most " + TextLimits.NAME + " characters");
        }
        if (!ClosedSets.given(school.getPhase())) {
            checks.fail("/phase", ClosedSets.rule("phase", SchoolPhase.getDescriptor()));
        }
        if (!Localities.isArea(school.getLocality())) {
            checks.fail("/locality", Localities.AREA_RULE);
        }
        if (!ClosedSets.given(school.getStatus())) {
            checks.fail("/status", "status must be open or closed");
        }
        if (!school.getPostcode().isEmpty()
                && !POSTCODE.matcher(school.getPostcode()).matches()) {
            checks.fail("/postcode", "postcode must be a UK postcode in capitals, e.g. PO1 2AB");
        }
        checks.throwIfAny("The school is not valid");
    }
}
