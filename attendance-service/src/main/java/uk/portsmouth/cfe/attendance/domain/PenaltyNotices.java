package uk.portsmouth.cfe.attendance.domain;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import uk.portsmouth.cfe.platform.errors.FieldChecks;
import uk.portsmouth.cfe.platform.errors.InvalidInputException;
import uk.portsmouth.cfe.platform.identifiers.PersonNames;
import uk.portsmouth.cfe.platform.reference.TextLimits;
import uk.portsmouth.cfe.proto.attendance.v1.DecideLegalActionRequest;
import uk.portsmouth.cfe.proto.attendance.v1.IssuedNotice;
import uk.portsmouth.cfe.proto.attendance.v1.NoticeRecipient;
import uk.portsmouth.cfe.proto.attendance.v1.PenaltyCharge;

/**
 * The national framework's limits on notices (docs/domain-reference.md 3a): a penalty notice is
 * GBP 160 paid within 28 days, reduced to GBP 80 within 21 days; a second notice to the same parent
 * for the same child within 3 years is GBP 160 with no reduction; a third within 3 years cannot be
 * a penalty notice. A notice to improve is the LA's last warning before one. Each is issued to a
 * named parent.
 */
public final class PenaltyNotices {

    public static final String PENALTY_NOTICE = "penalty_notice";
    public static final String NOTICE_TO_IMPROVE = "notice_to_improve";
    public static final Set<String> DECISIONS =
            Set.of(PENALTY_NOTICE, NOTICE_TO_IMPROVE, "warning_letter", "no_action");
    /** The decisions that are notices to a parent: the ledger records them, the threshold must be met. */
    public static final Set<String> NOTICES = Set.of(PENALTY_NOTICE, NOTICE_TO_IMPROVE);

    public static final Set<String> RELATIONSHIPS = Set.of("mother", "father", "carer", "guardian", "other");
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

    /** Checks a decision's own fields: its kind, and the parent a notice goes to. */
    public static void validate(DecideLegalActionRequest request) {
        FieldChecks checks = new FieldChecks();
        if (!DECISIONS.contains(request.getDecision())) {
            checks.fail("/decision", "decision must be penalty_notice, notice_to_improve, warning_letter or no_action");
        }
        NoticeRecipient parent = request.getParent();
        boolean needsParent = NOTICES.contains(request.getDecision());
        if (needsParent && parent.getName().isBlank()) {
            checks.fail(
                    "/parent/name",
                    "a " + request.getDecision().replace('_', ' ') + " names the parent it is issued to");
        }
        if (parent.getName().length() > TextLimits.NAME) {
            checks.fail("/parent/name", "name must be at most " + TextLimits.NAME + " characters");
        }
        if (!parent.getRelationship().isEmpty() && !RELATIONSHIPS.contains(parent.getRelationship())) {
            checks.fail("/parent/relationship", "relationship must be one of mother, father, carer, guardian, other");
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
    public static List<IssuedNotice> within3Years(List<IssuedNotice> issued, String kind, LocalDate today) {
        LocalDate limit = today.minusYears(LIMIT_YEARS);
        return issued.stream()
                .filter(n -> kind == null || n.getKind().equals(kind))
                .filter(n -> LocalDate.parse(n.getIssuedOn()).isAfter(limit))
                .toList();
    }

    /**
     * The charge of a penalty notice to {@code parentKey} issued {@code today}, given the notices issued
     * before it for the same child; refused naming the decision when it would be the third in 3 years.
     */
    public static PenaltyCharge charge(List<IssuedNotice> earlier, String parentKey, LocalDate today) {
        List<IssuedNotice> toThisParent = within3Years(earlier, PENALTY_NOTICE, today).stream()
                .filter(n -> n.getParentKey().equals(parentKey))
                .toList();
        if (toThisParent.size() >= MOST_NOTICES_IN_LIMIT) {
            // a field's reason travels in at most 100 characters: the routes in short, in full in the docs
            throw InvalidInputException.of("/decision", THIRD_REFUSED);
        }
        boolean first = toThisParent.isEmpty();
        return PenaltyCharge.newBuilder()
                .setNoticeNumber(toThisParent.size() + 1)
                .setAmountGbp(AMOUNT_GBP)
                .setReducedAmountGbp(first ? REDUCED_AMOUNT_GBP : 0)
                .setReducedIfPaidBy(first ? today.plusDays(REDUCED_WITHIN_DAYS).toString() : "")
                .setPayBy(today.plusDays(PAY_WITHIN_DAYS).toString())
                .build();
    }
}
