package uk.portsmouth.cfe.contacts.domain;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import uk.portsmouth.cfe.platform.errors.FieldChecks;
import uk.portsmouth.cfe.platform.reference.TextLimits;
import uk.portsmouth.cfe.proto.contacts.v1.BookSlotRequest;
import uk.portsmouth.cfe.proto.contacts.v1.Invitee;
import uk.portsmouth.cfe.proto.contacts.v1.RecordMinutesRequest;
import uk.portsmouth.cfe.proto.contacts.v1.RegisterRequest;
import uk.portsmouth.cfe.proto.contacts.v1.ScheduleSevereAbsenceMeetingRequest;
import uk.portsmouth.cfe.proto.contacts.v1.SeverelyAbsentPupil;

/** What the requests about one meeting must carry; each check throws with every problem, nothing is written. */
public final class MeetingRequests {

    public static final Set<String> DISTRIBUTIONS = Set.of("registered", "invited", "registered_and_invited");
    /**
     * A UPN: a letter, 11 digits, then a digit or a letter (the check letter itself is attendance-service's to
     * verify).
     */
    private static final Pattern UPN = Pattern.compile("^[A-Z][0-9]{11}[0-9A-Z]$");

    private static final int MAX_PUPILS = 1000;

    private MeetingRequests() {}

    public static void validate(RegisterRequest request) {
        FieldChecks checks = new FieldChecks();
        person(checks, "/name", request.getName(), "/email", request.getEmail());
        if (request.getOrganisation().length() > TextLimits.NAME) {
            checks.fail("/organisation", "organisation must be at most " + TextLimits.NAME + " characters");
        }
        checks.throwIfAny("The registration is not valid");
    }

    public static void validate(List<Invitee> people) {
        FieldChecks checks = new FieldChecks();
        for (int i = 0; i < people.size(); i++) {
            person(
                    checks,
                    "/people/" + i + "/name",
                    people.get(i).getName(),
                    "/people/" + i + "/email",
                    people.get(i).getEmail());
            if (people.get(i).getProfessionalId().length() > 64) {
                checks.fail("/people/" + i + "/professional_id", "professional_id is at most 64 characters");
            }
        }
        checks.throwIfAny("The invitation is not valid");
    }

    public static void validate(RecordMinutesRequest request) {
        FieldChecks checks = new FieldChecks();
        if (request.getText().isBlank() || request.getText().length() > TextLimits.MINUTES) {
            checks.fail("/text", "text is required (at most " + TextLimits.MINUTES + " characters)");
        }
        if (!request.getDistributeTo().isEmpty() && !DISTRIBUTIONS.contains(request.getDistributeTo())) {
            checks.fail("/distribute_to", "distribute_to must be registered, invited or registered_and_invited");
        }
        checks.throwIfAny("The minutes are not valid");
    }

    public static void validate(BookSlotRequest request, LocalDate today) {
        FieldChecks checks = new FieldChecks();
        if (request.getWorkerEmail().length() > 320) {
            checks.fail("/worker_email", "worker_email is at most 320 characters");
        }
        if (request.getChildName().isBlank() || request.getChildName().length() > TextLimits.NAME) {
            checks.fail("/child_name", "child_name is required (at most " + TextLimits.NAME + " characters)");
        }
        LocalDate born = checks.date(request.getChildDateOfBirth(), "/child_date_of_birth", true);
        if (born != null && (born.isAfter(today) || born.isBefore(today.minusYears(26)))) {
            checks.fail("/child_date_of_birth", "child_date_of_birth must be a child's date of birth");
        }
        if (request.getConcern().isBlank() || request.getConcern().length() > TextLimits.SUMMARY) {
            checks.fail("/concern", "concern is required (at most " + TextLimits.SUMMARY + " characters)");
        }
        checks.throwIfAny("The booking is not valid");
    }

    public static void validate(ScheduleSevereAbsenceMeetingRequest request) {
        FieldChecks checks = new FieldChecks();
        if (!request.getUrn().matches("^[0-9]{6}$")) {
            checks.fail("/urn", "urn must be 6 digits");
        } else if (!request.getSchool().getUrn().equals(request.getUrn())
                || request.getSchool().getName().isBlank()) {
            checks.fail("/school", "school must be the register's entry for the school with this urn");
        }
        try {
            LocalDateTime.parse(request.getStart());
        } catch (DateTimeParseException e) {
            checks.fail("/start", "start must be a local date-time, e.g. 2027-01-20T14:00");
        }
        if (request.getDurationMinutes() < 0 || request.getDurationMinutes() > 480) {
            checks.fail("/duration_minutes", "duration_minutes must be between 1 and 480");
        }
        if (request.getPupilsCount() == 0 || request.getPupilsCount() > MAX_PUPILS) {
            checks.fail("/pupils", "a Severely Absent Meeting is about 1 to " + MAX_PUPILS + " pupils");
        }
        for (int i = 0; i < request.getPupilsCount(); i++) {
            SeverelyAbsentPupil pupil = request.getPupils(i);
            if (!UPN.matcher(pupil.getUpn()).matches()) {
                checks.fail(
                        "/pupils/" + i + "/upn", "not a UPN (13 characters: a letter, 11 digits, a digit or letter)");
            }
            if (pupil.getName().isBlank()) {
                checks.fail("/pupils/" + i + "/name", "name is required");
            }
            if (pupil.getAttendancePercent() < 0 || pupil.getAttendancePercent() > 100) {
                checks.fail("/pupils/" + i + "/attendance_percent", "attendance_percent must be 0 to 100");
            }
        }
        checks.throwIfAny("The Severely Absent Meeting request is not valid");
    }

    private static void person(FieldChecks checks, String nameField, String name, String emailField, String email) {
        if (name.isBlank() || name.length() > TextLimits.NAME) {
            checks.fail(nameField, "a name is required (at most " + TextLimits.NAME + " characters)");
        }
        if (!TeamRules.isEmail(email)) {
            checks.fail(emailField, "not an email address");
        }
    }
}
