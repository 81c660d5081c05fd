package uk.portsmouth.cfe.fsp.domain;

import java.util.regex.Pattern;
import uk.portsmouth.cfe.platform.errors.FieldChecks;
import uk.portsmouth.cfe.platform.reference.TextLimits;
import uk.portsmouth.cfe.proto.fsp.v1.Professional;

/** What an entry in the directory of professionals must hold: everyone a plan shows of its co-ordinator. */
public final class ProfessionalRules {

    private static final Pattern ID = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$");
    private static final int MAX_TEXT = TextLimits.NAME;
    private static final int MAX_SIGN_INS = 5;
    /** "https://issuer subject": an issuer URL, one space, the provider's id for the person. */
    private static final Pattern SIGN_IN = Pattern.compile("^https?://[!-~]{1,200} [!-~]{1,200}$");

    private ProfessionalRules() {}

    /** The professional, trimmed, if every field is good; every bad field named otherwise. */
    public static Professional checked(Professional given) {
        FieldChecks checks = new FieldChecks();
        if (!ID.matcher(given.getProfessionalId()).matches()) {
            checks.fail("/professional_id", "professional_id is 1-64 letters, digits, '.', '_' or '-'");
        }
        text(given.getName(), "/name", "the professional's name", checks);
        text(given.getRole(), "/role", "the professional's role", checks);
        text(given.getAgency(), "/agency", "the professional's agency", checks);
        text(given.getEmail(), "/email", "a work email", checks);
        if (!given.getEmail().isBlank() && !PlanRules.isEmail(given.getEmail().strip())) {
            checks.fail("/email", "must be an email address");
        }
        if (given.getSignInsCount() > MAX_SIGN_INS) {
            checks.fail("/sign_ins", "at most " + MAX_SIGN_INS + " sign-ins");
        }
        for (int i = 0; i < given.getSignInsCount(); i++) {
            if (!SIGN_IN.matcher(given.getSignIns(i)).matches()) {
                checks.fail("/sign_ins/" + i, "a sign-in is the provider's issuer, a space and the person's subject");
            }
        }
        checks.throwIfAny("The professional has bad fields");
        return Professional.newBuilder()
                .setProfessionalId(given.getProfessionalId())
                .setName(given.getName().strip())
                .setRole(given.getRole().strip())
                .setAgency(given.getAgency().strip())
                .setEmail(given.getEmail().strip())
                .addAllSignIns(given.getSignInsList())
                .build();
    }

    private static void text(String value, String field, String what, FieldChecks checks) {
        checks.require(value, field, what);
        if (value.length() > MAX_TEXT) {
            checks.fail(field, "at most " + MAX_TEXT + " characters");
        }
    }
}
