package uk.portsmouth.cfe.contacts.domain;

import java.util.ArrayList;
import java.util.List;

import uk.portsmouth.cfe.platform.errors.FieldError;
import uk.portsmouth.cfe.platform.errors.InvalidInputException;
import uk.portsmouth.cfe.proto.contacts.v1.RegisterRequest;

/** What a registration for a meeting must carry. */
public final class Registrations {

    private Registrations() {
    }

    public static void validate(RegisterRequest request) {
        List<FieldError> errors = new ArrayList<>();
        if (request.getName().isBlank() || request.getName().length() > 200) {
            errors.add(new FieldError("/name", "name is required (at most 200 characters)"));
        }
        if (!TeamRules.isEmail(request.getEmail())) {
            errors.add(new FieldError("/email", "not an email address"));
        }
        if (request.getOrganisation().length() > 200) {
            errors.add(new FieldError("/organisation", "organisation must be at most 200 characters"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException("The registration is not valid", errors);
        }
    }
}
