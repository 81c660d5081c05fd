package uk.portsmouth.cfe.attendance.domain;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import uk.portsmouth.cfe.platform.errors.FieldChecks;
import uk.portsmouth.cfe.platform.errors.InvalidInputException;
import uk.portsmouth.cfe.platform.identifiers.PersonNames;
import uk.portsmouth.cfe.platform.proto.ClosedSets;
import uk.portsmouth.cfe.platform.proto.Dates;
import uk.portsmouth.cfe.platform.reference.TextLimits;
import uk.portsmouth.cfe.proto.attendance.v1.DecideLegalActionRequest;
import uk.portsmouth.cfe.proto.attendance.v1.IssuedNotice;
import uk.portsmouth.cfe.proto.attendance.v1.LegalActionDecision;
import uk.portsmouth.cfe.proto.attendance.v1.NoticeKind;
import uk.portsmouth.cfe.proto.attendance.v1.NoticeRecipient;
import uk.portsmouth.cfe.proto.attendance.v1.ParentRelationship;
import uk.portsmouth.cfe.proto.attendance.v1.PenaltyCharge;

/**
 * The national framework's limits on notices (docs/domain-reference.md 3a): a penalty notice is
 * GBP 160 paid within 28 days, reduced to GBP 80 within 21 days; a second notice to the same parent
 * for the same child within 3 years is GBP 160 with no reduction; a third within 3 years cannot be
 * a penalty notice. A notice to improve is the LA's last warning before one. Each is issued to a
 * named parent.
 */
public final class PenaltyNotices {

    public static final int AMOUNT_GBP = 160;
    public static final int REDUCED_AMOUNT_GBP = 80;
    public static final int REDUCED_WITHIN_DAYS = 21;
    public static final int PAY_WITHIN_DAYS = 28;
    public static final int LIMIT_YEARS = 3;
    public static final int MOST_NOTICES_IN_LIMIT = 2;
    /** A third penalty notice refused, and what the LA may do instead (docs/domain-reference.md 3a). */
    static final String THIRD_REFUSED =
            "no 3rd penalty notice in 3 years: consider s444 prosecution, a parenting order or an ESO";

    private PenaltyNotices() {}

    /**
     * The notice a decision issues to a parent (the ledger records it, the threshold must be met);
     * empty for a warning letter or no action.
     */
    public static Optional<NoticeKind> noticeOf(LegalActionDecision decision) {
        return switch (decision) {
            case LEGAL_ACTION_DECISION_PENALTY_NOTICE -> Optional.of(NoticeKind.NOTICE_KIND_PENALTY_NOTICE);
            case LEGAL_ACTION_DECISION_NOTICE_TO_IMPROVE -> Optional.of(NoticeKind.NOTICE_KIND_NOTICE_TO_IMPROVE);
            default -> Optional.empty();
        };
    }

    /** Checks a decision's own fields: its kind, and the parent a notice goes to. */
    public static void validate(DecideLegalActionRequest request) {
        FieldChecks checks = new FieldChecks();
        if (!ClosedSets.given(request.getDecision())) {
            checks.fail("/decision", ClosedSets.rule("decision", LegalActionDecision.getDescriptor()));
        }
        NoticeRecipient parent = request.getParent();
        boolean needsParent = noticeOf(request.getDecision()).isPresent();
        if (needsParent && parent.getName().isBlank()) {
            checks.fail(
                    "/parent/name",
                    "a " + ClosedSets.inWords(request.getDecision()) + " names the parent it is issued to");
        }
        if (parent.getName().length() > TextLimits.NAME) {
            checks.fail("/parent/name", "name must be at most " + TextLimits.NAME + " characters");
        }
        if (parent.getRelationshipValue() != 0 && !ClosedSets.given(parent.getRelationship())) {
            checks.fail("/parent/relationship", ClosedSets.rule("relationship", ParentRelationship.getDescriptor()));
        }
        if (parent.getReference().length() > TextLimits.NAME) {
            checks.fail("/parent/reference", "reference must be at most " + TextLimits.NAME + " characters");
        }
        if (request.getNote().length() > TextLimits.SUMMARY) {
            checks.fail("/note", "note must be at most " + TextLimits.SUMMARY + " characters");
        }
        checks.throwIfAny("The decision is not valid");
    }

    /** Who a notice is to, for counting: the LA's reference when given, else the name as names are compared. */
    public static String parentKey(NoticeRecipient parent) {
        return parent.getReference().isBlank()
                ? "name:" + PersonNames.plain(parent.getName())
                : "ref:" + parent.getReference().strip().toLowerCase(Locale.ROOT);
    }

    /** Notices of {@code kind} issued within the 3 years before {@code today} (a notice exactly 3 years ago is out). */
    public static List<IssuedNotice> within3Years(List<IssuedNotice> issued, NoticeKind kind, LocalDate today) {
        LocalDate limit = today.minusYears(LIMIT_YEARS);
        return issued.stream()
                .filter(n -> kind == null || n.getKind() == kind)
                .filter(n -> Dates.toLocalDate(n.getIssuedOn()).isAfter(limit))
                .toList();
    }

    /**
     * The charge of a penalty notice to {@code parentKey} issued {@code today}, given the notices issued
     * before it for the same child; refused naming the decision when it would be the third in 3 years.
     */
    public static PenaltyCharge charge(List<IssuedNotice> earlier, String parentKey, LocalDate today) {
        List<IssuedNotice> toThisParent = within3Years(earlier, NoticeKind.NOTICE_KIND_PENALTY_NOTICE, today).stream()
                .filter(n -> n.getParentKey().equals(parentKey))
                .toList();
        if (toThisParent.size() >= MOST_NOTICES_IN_LIMIT) {
            // a field's reason travels in at most 100 characters: the routes in short, in full in the docs
            throw InvalidInputException.of("/decision", THIRD_REFUSED);
        }
        boolean first = toThisParent.isEmpty();
        PenaltyCharge.Builder charge = PenaltyCharge.newBuilder()
                .setNoticeNumber(toThisParent.size() + 1)
                .setAmountGbp(AMOUNT_GBP)
                .setReducedAmountGbp(first ? REDUCED_AMOUNT_GBP : 0)
                .setPayBy(Dates.of(today.plusDays(PAY_WITHIN_DAYS)));
        if (first) {
            charge.setReducedIfPaidBy(Dates.of(today.plusDays(REDUCED_WITHIN_DAYS)));
        }
        return charge.build();
    }
}
