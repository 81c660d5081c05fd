package uk.portsmouth.cfe.attendance.domain;

import java.time.LocalDate;
import java.time.Period;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import uk.portsmouth.cfe.platform.errors.FieldChecks;
import uk.portsmouth.cfe.platform.identifiers.PersonNames;
import uk.portsmouth.cfe.platform.identifiers.Upns;
import uk.portsmouth.cfe.platform.proto.ClosedSets;
import uk.portsmouth.cfe.platform.reference.TextLimits;
import uk.portsmouth.cfe.proto.attendance.v1.AbsenceReason;
import uk.portsmouth.cfe.proto.attendance.v1.AbsenceReportStatus;
import uk.portsmouth.cfe.proto.attendance.v1.AbsenceReporter;
import uk.portsmouth.cfe.proto.attendance.v1.AbsentChild;
import uk.portsmouth.cfe.proto.attendance.v1.CreateAbsenceReportRequest;
import uk.portsmouth.cfe.proto.attendance.v1.Pupil;
import uk.portsmouth.cfe.proto.attendance.v1.ReviewDecision;
import uk.portsmouth.cfe.proto.attendance.v1.RollMatch;
import uk.portsmouth.cfe.proto.attendance.v1.RollMatchStatus;

/**
 * The rules of parents' absence reports: what a report must say, how its child is matched to a
 * school's roll, which sessions it covers, and when reports of one kind at one school look like an
 * outbreak.
 */
public final class AbsenceReportRules {

    public static final AbsenceReason ILLNESS = AbsenceReason.ABSENCE_REASON_ILLNESS;
    public static final AbsenceReason MEDICAL_APPOINTMENT = AbsenceReason.ABSENCE_REASON_MEDICAL_APPOINTMENT;

    public static final AbsenceReportStatus REPORTED = AbsenceReportStatus.ABSENCE_REPORT_STATUS_REPORTED;
    public static final AbsenceReportStatus CANCELLED = AbsenceReportStatus.ABSENCE_REPORT_STATUS_CANCELLED;

    /** How far back a first day may be: a report is news of an absence, not a record of an old one. */
    public static final int MAX_DAYS_BACK = 14;
    /** The longest absence one report covers; a longer one is for the school and the family to arrange. */
    public static final int MAX_ABSENCE_DAYS = 60;

    private AbsenceReportRules() {}

    /** The limits a report is checked against: the calendar, today, and how many school days ahead. */
    public record Limits(AcademicCalendar calendar, LocalDate today, int maxSchoolDaysAhead) {}

    /** Checks a new report; every bad field is named in one answer. */
    public static void validate(CreateAbsenceReportRequest request, Set<String> categories, Limits limits) {
        FieldChecks checks = new FieldChecks();
        checks.require(request.getSchoolUrn(), "/school_urn", "school_urn");
        checkChild(request.getChild(), checks, limits.today());
        checkReporter(request.getReporter(), checks);
        LocalDate firstDay = checks.date(request.getFirstDay(), "/first_day", true);
        if (firstDay != null) {
            checkFirstDay(firstDay, checks, limits);
        }
        LocalDate expectedReturn = checks.date(request.getExpectedReturn(), "/expected_return", false);
        checkReturn(firstDay, expectedReturn, "/expected_return", checks);
        if (!ClosedSets.given(request.getReason())) {
            checks.fail("/reason", "reason is illness, medical_appointment or other");
        } else if (request.getReason().equals(ILLNESS) && !categories.contains(request.getSymptomCategory())) {
            checks.fail(
                    "/symptom_category", "an illness needs a symptom_category from GET /v1/absence-reports/guidance");
        } else if (!request.getReason().equals(ILLNESS)
                && !request.getSymptomCategory().isEmpty()) {
            checks.fail("/symptom_category", "symptom_category is for an illness only");
        }
        checks.text(request.getNote(), "/note", TextLimits.NOTE, false);
        checks.throwIfAny("The absence report is not valid");
    }

    /** The status a school's decision gives a report. */
    public static AbsenceReportStatus statusAfter(ReviewDecision decision) {
        return switch (decision) {
            case REVIEW_DECISION_ACKNOWLEDGED -> AbsenceReportStatus.ABSENCE_REPORT_STATUS_ACKNOWLEDGED;
            case REVIEW_DECISION_QUERIED -> AbsenceReportStatus.ABSENCE_REPORT_STATUS_QUERIED;
            default -> throw new IllegalArgumentException("no decision: " + decision);
        };
    }

    private static void checkChild(AbsentChild child, FieldChecks checks, LocalDate today) {
        checks.text(child.getGivenName(), "/child/given_name", TextLimits.NAME, true);
        checks.text(child.getFamilyName(), "/child/family_name", TextLimits.NAME, true);
        LocalDate born = checks.date(child.getDateOfBirth(), "/child/date_of_birth", true);
        if (born != null) {
            int age = Period.between(born, today).getYears();
            if (age < 2 || age > 19) {
                checks.fail("/child/date_of_birth", "a child at school is 2 to 19 years old");
            }
        }
        if (!child.getUpn().isEmpty() && !Upns.isValid(child.getUpn())) {
            checks.fail("/child/upn", "upn is 13 characters with a valid check letter");
        }
    }

    private static void checkReporter(AbsenceReporter reporter, FieldChecks checks) {
        checks.text(reporter.getName(), "/reporter/name", TextLimits.NAME, true);
        if (!ClosedSets.given(reporter.getRelationship())) {
            checks.fail("/reporter/relationship", "relationship is parent, carer, guardian or other");
        }
        if (reporter.getPhone().isBlank() && reporter.getEmail().isBlank()) {
            checks.fail("/reporter/phone", "a phone number or an email is required, so the school can reply");
        }
        if (!reporter.getPhone().isEmpty() && !reporter.getPhone().matches("\\+?[0-9 ()-]{6,20}")) {
            checks.fail("/reporter/phone", "phone is 6 to 20 digits, spaces, brackets or dashes");
        }
        if (!reporter.getEmail().isEmpty()
                && (reporter.getEmail().length() > 254
                        || !reporter.getEmail().matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+"))) {
            checks.fail("/reporter/email", "email is not an email address");
        }
    }

    private static void checkFirstDay(LocalDate firstDay, FieldChecks checks, Limits limits) {
        if (firstDay.isBefore(limits.today().minusDays(MAX_DAYS_BACK))) {
            checks.fail("/first_day", "first_day is at most " + MAX_DAYS_BACK + " days ago");
        } else if (!limits.calendar().isSchoolDay(firstDay)) {
            checks.fail("/first_day", "first_day is not a school day");
        } else if (firstDay.isAfter(limits.today())) {
            int ahead = limits.calendar()
                    .schoolDays(limits.today().plusDays(1), firstDay)
                    .size();
            if (ahead > limits.maxSchoolDaysAhead()) {
                checks.fail("/first_day", "first_day is at most " + limits.maxSchoolDaysAhead() + " school days ahead");
            }
        }
    }

    /** A return day is after the first day, and within {@link #MAX_ABSENCE_DAYS} of it. */
    public static void checkReturn(LocalDate firstDay, LocalDate returnDay, String field, FieldChecks checks) {
        if (firstDay == null || returnDay == null) {
            return;
        }
        if (!returnDay.isAfter(firstDay)) {
            checks.fail(field, field.substring(1) + " is after first_day");
        } else if (ChronoUnit.DAYS.between(firstDay, returnDay) > MAX_ABSENCE_DAYS) {
            checks.fail(field, field.substring(1) + " is at most " + MAX_ABSENCE_DAYS + " days after first_day");
        }
    }

    // --- matching ---------------------------------------------------------------------------------

    /**
     * The pupils on a school's roll who fit the reported child: by UPN when the parent gave one
     * (and the date of birth agrees), else by name and date of birth, compared without case,
     * accents, spaces, hyphens or apostrophes.
     */
    public static RollMatch match(AbsentChild child, List<Pupil> roll) {
        List<Pupil> fits = roll.stream()
                .filter(Pupil::getOnRoll)
                .filter(p -> p.getDateOfBirth().equals(child.getDateOfBirth()))
                .filter(p -> child.getUpn().isEmpty()
                        ? nameKey(p.getGivenName(), p.getFamilyName())
                                .equals(nameKey(child.getGivenName(), child.getFamilyName()))
                        : p.getUpn().equals(child.getUpn()))
                .toList();
        if (fits.isEmpty()) {
            return RollMatch.newBuilder()
                    .setStatus(RollMatchStatus.ROLL_MATCH_STATUS_NOT_FOUND)
                    .build();
        }
        if (fits.size() > 1) {
            return RollMatch.newBuilder()
                    .setStatus(RollMatchStatus.ROLL_MATCH_STATUS_AMBIGUOUS)
                    .setCandidates(fits.size())
                    .build();
        }
        Pupil pupil = fits.get(0);
        return RollMatch.newBuilder()
                .setStatus(RollMatchStatus.ROLL_MATCH_STATUS_MATCHED)
                .setUpn(pupil.getUpn())
                .setPupilName(pupil.getGivenName() + " " + pupil.getFamilyName())
                .build();
    }

    /** A name as it is compared: "Zoë O'Neil-Smith" and "zoe oneil smith" are one. */
    public static String nameKey(String given, String family) {
        return PersonNames.plain(given) + "|" + PersonNames.plain(family);
    }

    // --- sessions ---------------------------------------------------------------------------------

    /**
     * The school days a report covers up to {@code today}: from the first day to the day before
     * the child came back (or is expected back), or to today while it is open.
     */
    public static List<LocalDate> daysOff(
            LocalDate firstDay, LocalDate backOn, LocalDate today, AcademicCalendar calendar) {
        LocalDate last = backOn == null ? today : backOn.minusDays(1);
        if (last.isAfter(today)) {
            last = today;
        }
        return last.isBefore(firstDay) ? List.of() : calendar.schoolDays(firstDay, last);
    }
}
