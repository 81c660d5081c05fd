package uk.portsmouth.cfe.attendance.domain;

import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import uk.portsmouth.cfe.platform.errors.FieldChecks;
import uk.portsmouth.cfe.platform.identifiers.Upns;
import uk.portsmouth.cfe.platform.proto.ClosedSets;
import uk.portsmouth.cfe.platform.proto.Dates;
import uk.portsmouth.cfe.proto.attendance.v1.Pupil;
import uk.portsmouth.cfe.proto.attendance.v1.SenStatus;

/** What makes a school's batch of pupils valid (MIS roll sync); every problem is named, nothing is written. */
public final class PupilRules {

    public static final int MAX_PUPILS = 5_000;

    private PupilRules() {}

    public static void validate(String urn, List<Pupil> pupils, LocalDate today) {
        FieldChecks checks = new FieldChecks();
        if (pupils.isEmpty() || pupils.size() > MAX_PUPILS) {
            checks.fail("/pupils", "a batch holds 1 to " + MAX_PUPILS + " pupils");
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < pupils.size(); i++) {
            Pupil pupil = pupils.get(i);
            String at = "/pupils/" + i;
            if (!Upns.isValid(pupil.getUpn())) {
                checks.fail(at + "/upn", "not a valid UPN (13 characters with a correct check letter)");
            } else if (!seen.add(pupil.getUpn())) {
                checks.fail(at + "/upn", "this UPN is in the batch twice");
            }
            if (!pupil.getUrn().isEmpty() && !pupil.getUrn().equals(urn)) {
                checks.fail(at + "/urn", "urn must be the school's URN (" + urn + ")");
            }
            if (pupil.getGivenName().isBlank() || pupil.getFamilyName().isBlank()) {
                checks.fail(at + "/given_name", "given_name and family_name are required");
            }
            LocalDate born = Dates.optional(pupil.getDateOfBirth()).orElse(null);
            if (born == null || born.isAfter(today) || born.isBefore(today.minusYears(26))) {
                checks.fail(at + "/date_of_birth", "date_of_birth must be a child's date of birth, e.g. 2014-05-30");
            }
            if (pupil.getYearGroup() < -1 || pupil.getYearGroup() > 14) {
                checks.fail(at + "/year_group", "year_group runs from -1 (nursery) and 0 (reception) to 14");
            }
            if (!ClosedSets.given(pupil.getSenStatus())) {
                checks.fail(at + "/sen_status", ClosedSets.rule("sen_status", SenStatus.getDescriptor()));
            }
        }
        checks.throwIfAny("The pupils are not valid");
    }
}
