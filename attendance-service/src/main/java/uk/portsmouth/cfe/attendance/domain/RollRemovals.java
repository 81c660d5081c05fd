package uk.portsmouth.cfe.attendance.domain;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import uk.portsmouth.cfe.platform.errors.FieldChecks;
import uk.portsmouth.cfe.platform.errors.InvalidInputException;
import uk.portsmouth.cfe.platform.identifiers.Upns;
import uk.portsmouth.cfe.platform.proto.ClosedSets;
import uk.portsmouth.cfe.platform.proto.Dates;
import uk.portsmouth.cfe.platform.reference.TextLimits;
import uk.portsmouth.cfe.platform.resources.JsonResources;
import uk.portsmouth.cfe.proto.attendance.v1.CmeCaseStatus;
import uk.portsmouth.cfe.proto.attendance.v1.NotifyRollRemovalRequest;

/**
 * Deletions from the admission register (School Attendance (Pupil Registration) (England)
 * Regulations 2024, reg 9(1)(a)-(o)) and when one makes a child a possible Child Missing Education:
 * the destination is not known, or the school told the LA after the day of deletion.
 */
public final class RollRemovals {

    public static final Map<String, String> GROUNDS = grounds();
    /** CME case statuses and where each may go next. */
    public static final Map<CmeCaseStatus, Set<CmeCaseStatus>> CME_TRANSITIONS = Map.of(
            CmeCaseStatus.CME_CASE_STATUS_OPEN,
                    Set.of(
                            CmeCaseStatus.CME_CASE_STATUS_FOUND,
                            CmeCaseStatus.CME_CASE_STATUS_PLACED,
                            CmeCaseStatus.CME_CASE_STATUS_CLOSED),
            CmeCaseStatus.CME_CASE_STATUS_FOUND,
                    Set.of(CmeCaseStatus.CME_CASE_STATUS_PLACED, CmeCaseStatus.CME_CASE_STATUS_CLOSED),
            CmeCaseStatus.CME_CASE_STATUS_PLACED, Set.of(),
            CmeCaseStatus.CME_CASE_STATUS_CLOSED, Set.of());

    private RollRemovals() {}

    /** The grounds by letter, in the regulation's order (removal-grounds.json). */
    private static Map<String, String> grounds() {
        Map<String, String> grounds = new LinkedHashMap<>();
        JsonResources.read("removal-grounds.json")
                .getAsJsonArray("grounds")
                .forEach(g -> grounds.put(
                        g.getAsJsonObject().get("ground").getAsString(),
                        g.getAsJsonObject().get("meaning").getAsString()));
        return java.util.Collections.unmodifiableMap(grounds);
    }

    public static void validate(NotifyRollRemovalRequest request) {
        FieldChecks checks = new FieldChecks();
        if (!Upns.isValid(request.getUpn())) {
            checks.fail("/upn", "not a valid UPN (13 characters with a correct check letter)");
        }
        checks.date(request.getDeletionDate(), "/deletion_date", true);
        if (!GROUNDS.containsKey(request.getGround())) {
            checks.fail("/ground", "ground must be one of reg 9(1) a to o");
        }
        if (!request.getDestinationUrn().isEmpty()
                && !request.getDestinationUrn().matches("^[0-9]{6}$")) {
            checks.fail("/destination_urn", "destination_urn must be 6 digits");
        }
        if (request.getNote().length() > TextLimits.SUMMARY) {
            checks.fail("/note", "note must be at most " + TextLimits.SUMMARY + " characters");
        }
        checks.throwIfAny("The removal from roll is not valid");
    }

    public static boolean late(NotifyRollRemovalRequest request, LocalDate today) {
        return today.isAfter(Dates.toLocalDate(request.getDeletionDate()));
    }

    /** Why the notice makes the child a possible Child Missing Education, or empty when it does not. */
    public static Optional<String> cmeReason(NotifyRollRemovalRequest request, LocalDate today) {
        boolean knownDestination = !request.getDestinationUrn().isEmpty()
                || !request.getDestinationName().isBlank();
        // these grounds leave no education to go to: the death of a child, detention, over age
        boolean noDestinationNeeded = Set.of("f", "j", "k", "l").contains(request.getGround());
        if (request.getGround().equals("i")) {
            return Optional.of("whereabouts unknown (reg 9(1)(i))");
        }
        if (!knownDestination && !noDestinationNeeded) {
            return Optional.of("destination not known");
        }
        if (late(request, today)) {
            return Optional.of("the LA was told after the day of deletion");
        }
        return Optional.empty();
    }

    /** Checks a CME case update; throws naming the field. */
    public static void checkTransition(CmeCaseStatus from, CmeCaseStatus to, String placedUrn) {
        if (!ClosedSets.given(to) || to == CmeCaseStatus.CME_CASE_STATUS_OPEN) {
            throw InvalidInputException.of("/status", "status must be found, placed or closed");
        }
        if (!CME_TRANSITIONS.getOrDefault(from, Set.of()).contains(to)) {
            throw InvalidInputException.of(
                    "/status",
                    "a case that is " + ClosedSets.jsonName(from) + " cannot become " + ClosedSets.jsonName(to));
        }
        if (to == CmeCaseStatus.CME_CASE_STATUS_PLACED && !placedUrn.matches("^[0-9]{6}$")) {
            throw InvalidInputException.of(
                    "/placed_urn", "a placed child needs the URN of the school they are placed at");
        }
    }
}
