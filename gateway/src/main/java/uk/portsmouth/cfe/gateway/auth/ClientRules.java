package uk.portsmouth.cfe.gateway.auth;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.regex.Pattern;
import uk.portsmouth.cfe.gateway.http.Problems;
import uk.portsmouth.cfe.platform.errors.FieldError;
import uk.portsmouth.cfe.platform.reference.Roles;

/**
 * What a registered client must be: a readable id, a name, known roles, the schools a school
 * client acts for (and only then), the professional a professional client is, and a contact who
 * answers for it. Every bad field is named; nothing is written.
 */
final class ClientRules {

    static final Pattern ID = Pattern.compile("^[a-z0-9][a-z0-9-]{2,63}$");
    private static final Pattern URN = Pattern.compile("^[0-9]{6,7}$");
    private static final Pattern PROFESSIONAL_ID = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$");
    private static final Pattern EMAIL =
            Pattern.compile("^[^@\\s\\x00-\\x1f]+@[^@\\s\\x00-\\x1f]+\\.[^@\\s\\x00-\\x1f]+$");
    private static final int MAX_SCHOOLS = 100;

    private ClientRules() {}

    /** Who a client acts as and who answers for it. */
    record Profile(
            String name, List<String> roles, List<String> schoolUrns, String professionalId, String contactEmail) {}

    static void checkId(String id) {
        if (!ID.matcher(id).matches()) {
            throw Problems.invalid(
                    "The client is not valid",
                    List.of(new FieldError("/client_id", "client_id is 3-64 lower-case letters, digits or '-'")));
        }
    }

    static Profile checked(Profile given) {
        List<FieldError> errors = new ArrayList<>();
        String name = given.name().strip();
        if (name.isEmpty() || name.length() > 200) {
            errors.add(new FieldError("/name", "name is required (at most 200 characters)"));
        }
        if (given.roles().isEmpty()) {
            errors.add(new FieldError("/roles", "at least one role is required"));
        }
        for (int i = 0; i < given.roles().size(); i++) {
            if (!Roles.ALL.contains(given.roles().get(i))) {
                errors.add(new FieldError(
                        "/roles/" + i,
                        "roles are "
                                + String.join(", ", Roles.ALL.stream().sorted().toList())));
            }
        }
        if (new HashSet<>(given.roles()).size() != given.roles().size()) {
            errors.add(new FieldError("/roles", "each role once"));
        }
        boolean school = given.roles().contains(Roles.SCHOOL);
        if (school && given.schoolUrns().isEmpty()) {
            errors.add(new FieldError("/school_urns", "a school client names the schools (URNs) it acts for"));
        }
        if (!school && !given.schoolUrns().isEmpty()) {
            errors.add(new FieldError("/school_urns", "only a client with the school role acts for schools"));
        }
        if (given.schoolUrns().size() > MAX_SCHOOLS) {
            errors.add(new FieldError("/school_urns", "at most " + MAX_SCHOOLS + " schools"));
        }
        for (int i = 0; i < given.schoolUrns().size() && i < MAX_SCHOOLS; i++) {
            if (!URN.matcher(given.schoolUrns().get(i)).matches()) {
                errors.add(new FieldError("/school_urns/" + i, "a URN is 6 or 7 digits"));
            }
        }
        boolean professional = given.roles().contains(Roles.PROFESSIONAL);
        if (professional && !PROFESSIONAL_ID.matcher(given.professionalId()).matches()) {
            errors.add(new FieldError(
                    "/professional_id", "a professional client carries its professional id (GET /v1/professionals)"));
        }
        if (!professional && !given.professionalId().isEmpty()) {
            errors.add(
                    new FieldError("/professional_id", "only a client with the professional role is a professional"));
        }
        if (!EMAIL.matcher(given.contactEmail()).matches()
                || given.contactEmail().length() > 320) {
            errors.add(new FieldError("/contact_email", "the email of who answers for this client"));
        }
        if (!errors.isEmpty()) {
            throw Problems.invalid("The client is not valid", errors);
        }
        return new Profile(
                name,
                given.roles(),
                given.schoolUrns(),
                given.professionalId(),
                given.contactEmail().strip());
    }
}
