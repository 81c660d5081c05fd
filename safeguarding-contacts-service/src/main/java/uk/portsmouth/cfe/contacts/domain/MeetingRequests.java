package uk.portsmouth.cfe.contacts.domain;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import uk.portsmouth.cfe.platform.errors.FieldError;
import uk.portsmouth.cfe.platform.errors.InvalidInputException;
import uk.portsmouth.cfe.proto.contacts.v1.BookSlotRequest;
import uk.portsmouth.cfe.proto.contacts.v1.Invitee;
import uk.portsmouth.cfe.proto.contacts.v1.RecordMinutesRequest;
import uk.portsmouth.cfe.proto.contacts.v1.RegisterRequest;
import uk.portsmouth.cfe.proto.contacts.v1.ScheduleSevereAbsenceMeetingRequest;
import uk.portsmouth.cfe.proto.contacts.v1.SeverelyAbsentPupil;

/** What the requests about one meeting must carry; each check throws with every problem, nothing is written. */
public final class MeetingRequests {

    public static final Set<String> DISTRIBUTIONS = Set.of("registered", "invited", "registered_and_invited");
    /** A UPN: a letter, 11 digits, then a digit or a letter (the check letter itself is attendance-service's to verify). */
    private static final Pattern UPN = Pattern.compile("^[A-Z][0-9]{11}[0-9A-Z]$");

    private static final int MAX_PUPILS = 1000;

    private MeetingRequests() {}

    public static void validate(RegisterRequest request) {
        List<FieldError> errors = new ArrayList<>();
        person(errors, "/name", request.getName(), "/email", request.getEmail());
        if (request.getOrganisation().length() > 200) {
            errors.add(new FieldError("/organisation", "organisation must be at most 200 characters"));
        }
        done(errors, "The registration is not valid");
    }

    public static void validate(List<Invitee> people) {
        List<FieldError> errors = new ArrayList<>();
        for (int i = 0; i < people.size(); i++) {
            person(
                    errors,
                    "/people/" + i + "/name",
                    people.get(i).getName(),
                    "/people/" + i + "/email",
                    people.get(i).getEmail());
            if (people.get(i).getProfessionalId().length() > 64) {
                errors.add(new FieldError(
                        "/people/" + i + "/professional_id", "professional_id is at most 64 characters"));
            }
        }
        done(errors, "The invitation is not valid");
    }

    public static void validate(RecordMinutesRequest request) {
        List<FieldError> errors = new ArrayList<>();
        if (request.getText().isBlank() || request.getText().length() > 100_000) {
            errors.add(new FieldError("/text", "text is required (at most 100,000 characters)"));
        }
        if (!request.getDistributeTo().isEmpty() && !DISTRIBUTIONS.contains(request.getDistributeTo())) {
            errors.add(new FieldError(
                    "/distribute_to", "distribute_to must be registered, invited or registered_and_invited"));
        }
        done(errors, "The minutes are not valid");
    }

    public static void validate(BookSlotRequest request, LocalDate today) {
        List<FieldError> errors = new ArrayList<>();
        if (request.getWorkerEmail().length() > 320) {
            errors.add(new FieldError("/worker_email", "worker_email is at most 320 characters"));
        }
        if (request.getChildName().isBlank() || request.getChildName().length() > 200) {
            errors.add(new FieldError("/child_name", "child_name is required (at most 200 characters)"));
        }
        try {
            LocalDate born = LocalDate.parse(request.getChildDateOfBirth());
            if (born.isAfter(today) || born.isBefore(today.minusYears(26))) {
                errors.add(
                        new FieldError("/child_date_of_birth", "child_date_of_birth must be a child's date of birth"));
            }
        } catch (DateTimeParseException e) {
            errors.add(new FieldError("/child_date_of_birth", "child_date_of_birth must be a date, e.g. 2015-04-30"));
        }
        if (request.getConcern().isBlank() || request.getConcern().length() > 2000) {
            errors.add(new FieldError("/concern", "concern is required (at most 2000 characters)"));
        }
        done(errors, "The booking is not valid");
    }

    public static void validate(ScheduleSevereAbsenceMeetingRequest request) {
        List<FieldError> errors = new ArrayList<>();
        if (!request.getUrn().matches("^[0-9]{6}$")) {
            errors.add(new FieldError("/urn", "urn must be 6 digits"));
        } else if (!request.getSchool().getUrn().equals(request.getUrn())
                || request.getSchool().getName().isBlank()) {
            errors.add(new FieldError("/school", "school must be the register's entry for the school with this urn"));
        }
        try {
            LocalDateTime.parse(request.getStart());
        } catch (DateTimeParseException e) {
            errors.add(new FieldError("/start", "start must be a local date-time, e.g. 2027-01-20T14:00"));
        }
        if (request.getDurationMinutes() < 0 || request.getDurationMinutes() > 480) {
            errors.add(new FieldError("/duration_minutes", "duration_minutes must be between 1 and 480"));
        }
        if (request.getPupilsCount() == 0 || request.getPupilsCount() > MAX_PUPILS) {
            errors.add(new FieldError("/pupils", "a Severely Absent Meeting is about 1 to " + MAX_PUPILS + " pupils"));
        }
        for (int i = 0; i < request.getPupilsCount(); i++) {
            SeverelyAbsentPupil pupil = request.getPupils(i);
            if (!UPN.matcher(pupil.getUpn()).matches()) {
                errors.add(new FieldError(
                        "/pupils/" + i + "/upn", "not a UPN (13 characters: a letter, 11 digits, a digit or letter)"));
            }
            if (pupil.getName().isBlank()) {
                errors.add(new FieldError("/pupils/" + i + "/name", "name is required"));
            }
            if (pupil.getAttendancePercent() < 0 || pupil.getAttendancePercent() > 100) {
                errors.add(
                        new FieldError("/pupils/" + i + "/attendance_percent", "attendance_percent must be 0 to 100"));
            }
        }
        done(errors, "The Severely Absent Meeting request is not valid");
    }

    private static void person(
            List<FieldError> errors, String nameField, String name, String emailField, String email) {
        if (name.isBlank() || name.length() > 200) {
            errors.add(new FieldError(nameField, "a name is required (at most 200 characters)"));
        }
        if (!TeamRules.isEmail(email)) {
            errors.add(new FieldError(emailField, "not an email address"));
        }
    }

    private static void done(List<FieldError> errors, String detail) {
        if (!errors.isEmpty()) {
            throw new InvalidInputException(detail, errors);
        }
    }
}
