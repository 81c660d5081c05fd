package uk.portsmouth.cfe.attendance.domain;

import java.time.LocalDate;
import java.util.Optional;
import uk.portsmouth.cfe.platform.errors.ConflictException;
import uk.portsmouth.cfe.platform.errors.FieldChecks;
import uk.portsmouth.cfe.platform.proto.ClosedSets;
import uk.portsmouth.cfe.platform.proto.Dates;
import uk.portsmouth.cfe.platform.reference.TextLimits;
import uk.portsmouth.cfe.proto.attendance.v1.NewPupilDetails;
import uk.portsmouth.cfe.proto.attendance.v1.NewPupilReturn;
import uk.portsmouth.cfe.proto.attendance.v1.NewPupilReturnStatus;
import uk.portsmouth.cfe.proto.attendance.v1.ParentRelationship;
import uk.portsmouth.cfe.proto.attendance.v1.Pupil;
import uk.portsmouth.cfe.proto.attendance.v1.ReturnParent;

/**
 * New pupils' returns (docs/domain-reference.md 3c; The School Attendance (Pupil Registration)
 * (England) Regulations 2024, reg 13): a school tells the LA within five days of entering a pupil's
 * name in its admission register. Which additions owe one, when it is due, and what a complete
 * return holds.
 */
public final class NewPupilReturnRules {

    public static final int DAYS_TO_RETURN = 5;
    public static final int MAX_PARENTS = 6;

    private NewPupilReturnRules() {}

    /**
     * The return a roll sync's new enrolment owes, if any. Pupils sent on the day of the school's first
     * roll sync with an entry before that day were on roll before the platform knew the school: they
     * owe none. Every other addition owes one, due five days after its entry (a pupil added late is
     * overdue at once). An entry with no admission date is taken as made on the day of the sync.
     */
    public static Optional<NewPupilReturn> owedFor(Pupil added, LocalDate firstRollSync, LocalDate today, String now) {
        LocalDate entry = !Dates.given(added.getAdmissionDate()) ? today : Dates.toLocalDate(added.getAdmissionDate());
        boolean onRollBeforeThePlatform = entry.isBefore(firstRollSync) && !today.isAfter(firstRollSync);
        if (onRollBeforeThePlatform) {
            return Optional.empty();
        }
        return Optional.of(NewPupilReturn.newBuilder()
                .setId(id(added.getUrn(), added.getUpn(), entry))
                .setUrn(added.getUrn())
                .setUpn(added.getUpn())
                .setPupilName(added.getGivenName() + " " + added.getFamilyName())
                .setDateOfBirth(added.getDateOfBirth())
                .setYearGroup(added.getYearGroup())
                .setEntryDate(Dates.of(entry))
                .setDueBy(Dates.of(entry.plusDays(DAYS_TO_RETURN)))
                .setStatus(NewPupilReturnStatus.NEW_PUPIL_RETURN_STATUS_DUE)
                .setCreatedAt(now)
                .build());
    }

    public static String id(String urn, String upn, LocalDate entry) {
        return urn + ":" + upn + ":" + entry;
    }

    /** A return as read on {@code today}: whether it is overdue. */
    public static NewPupilReturn asOf(NewPupilReturn stored, LocalDate today) {
        boolean overdue = stored.getStatus() == NewPupilReturnStatus.NEW_PUPIL_RETURN_STATUS_DUE
                && today.isAfter(Dates.toLocalDate(stored.getDueBy()));
        return stored.toBuilder().setOverdue(overdue).build();
    }

    /** The return submitted with {@code details} on {@code today}; refused naming each missing or bad field. */
    public static NewPupilReturn submitted(
            NewPupilReturn stored, NewPupilDetails details, LocalDate today, String now, String by) {
        if (stored.getStatus() == NewPupilReturnStatus.NEW_PUPIL_RETURN_STATUS_SUBMITTED) {
            throw new ConflictException("/status", "this return was submitted already, on " + stored.getSubmittedAt());
        }
        // pointers are into the body a school sends: the details themselves
        FieldChecks checks = new FieldChecks();
        if (!ClosedSets.given(details.getSex())) {
            checks.fail("/sex", "sex must be female or male, as the admission register holds it");
        }
        checks.text(details.getAddress(), "/address", TextLimits.NOTE, true);
        if (details.getParentsCount() == 0 || details.getParentsCount() > MAX_PARENTS) {
            checks.fail("/parents", "name every parent known to the school (1 to " + MAX_PARENTS + ")");
        }
        for (int i = 0; i < Math.min(details.getParentsCount(), MAX_PARENTS); i++) {
            ReturnParent parent = details.getParents(i);
            checks.text(parent.getName(), "/parents/" + i + "/name", TextLimits.NOTE, true);
            if (!ClosedSets.given(parent.getRelationship())) {
                checks.fail(
                        "/parents/" + i + "/relationship",
                        ClosedSets.rule("relationship", ParentRelationship.getDescriptor()));
            }
            if (parent.getAddress().length() > TextLimits.NOTE) {
                checks.fail("/parents/" + i + "/address", "address must be at most " + TextLimits.NOTE + " characters");
            }
        }
        checks.text(details.getPreviousSchool(), "/previous_school", TextLimits.NOTE, true);
        if (!details.getPreviousSchoolUrn().isEmpty() && !SchoolRules.isUrn(details.getPreviousSchoolUrn())) {
            checks.fail("/previous_school_urn", "a URN is 6 digits");
        }
        checks.throwIfAny("The return is not complete");
        return stored.toBuilder()
                .setDetails(details)
                .setStatus(NewPupilReturnStatus.NEW_PUPIL_RETURN_STATUS_SUBMITTED)
                .setSubmittedAt(now)
                .setSubmittedBy(by)
                .setLate(today.isAfter(Dates.toLocalDate(stored.getDueBy())))
                .build();
    }
}
