package uk.portsmouth.cfe.attendance.domain;

import com.google.type.Date;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import uk.portsmouth.cfe.platform.errors.FieldChecks;
import uk.portsmouth.cfe.platform.errors.InvalidInputException;
import uk.portsmouth.cfe.platform.identifiers.Upns;
import uk.portsmouth.cfe.platform.proto.ClosedSets;
import uk.portsmouth.cfe.platform.proto.Dates;
import uk.portsmouth.cfe.platform.reference.TextLimits;
import uk.portsmouth.cfe.proto.attendance.v1.ActOnIspReferralRequest;
import uk.portsmouth.cfe.proto.attendance.v1.DualRegistration;
import uk.portsmouth.cfe.proto.attendance.v1.InterventionKind;
import uk.portsmouth.cfe.proto.attendance.v1.IspAction;
import uk.portsmouth.cfe.proto.attendance.v1.IspDecision;
import uk.portsmouth.cfe.proto.attendance.v1.IspReferralStatus;
import uk.portsmouth.cfe.proto.attendance.v1.Mark;
import uk.portsmouth.cfe.proto.attendance.v1.MarkError;
import uk.portsmouth.cfe.proto.attendance.v1.ReferToInclusionPanelRequest;
import uk.portsmouth.cfe.proto.attendance.v1.RequestedChange;
import uk.portsmouth.cfe.proto.attendance.v1.WeeklySession;

/**
 * The Inclusion Support Panel's rules (docs/domain-reference.md 3d): what a referral carries, the
 * order it moves in, what each decision needs, and how a dual registration reaches the main
 * school's register (code D for the sessions at the other setting, which the main school then does
 * not count as possible sessions; the other setting records them in its own register).
 */
public final class InclusionPanelRules {

    public static final String DUAL_REGISTERED = "D";
    /** Code E: suspended or permanently excluded, no alternative provision made. */
    public static final String SUSPENDED = "E";

    /** A referral's status -> the actions that may follow it. */
    public static final Map<IspReferralStatus, Set<IspAction>> ACTIONS = Map.of(
            IspReferralStatus.ISP_REFERRAL_STATUS_REFERRED,
                    Set.of(IspAction.ISP_ACTION_SCHEDULE_PANEL, IspAction.ISP_ACTION_DECLINE),
            IspReferralStatus.ISP_REFERRAL_STATUS_PANEL_SCHEDULED,
                    Set.of(
                            IspAction.ISP_ACTION_SCHEDULE_PANEL,
                            IspAction.ISP_ACTION_RECORD_DECISION,
                            IspAction.ISP_ACTION_DECLINE),
            IspReferralStatus.ISP_REFERRAL_STATUS_DECIDED, Set.of(),
            IspReferralStatus.ISP_REFERRAL_STATUS_DECLINED, Set.of());

    private static final Map<IspAction, IspReferralStatus> NEXT = Map.of(
            IspAction.ISP_ACTION_SCHEDULE_PANEL, IspReferralStatus.ISP_REFERRAL_STATUS_PANEL_SCHEDULED,
            IspAction.ISP_ACTION_RECORD_DECISION, IspReferralStatus.ISP_REFERRAL_STATUS_DECIDED,
            IspAction.ISP_ACTION_DECLINE, IspReferralStatus.ISP_REFERRAL_STATUS_DECLINED);
    private static final Map<String, DayOfWeek> DAYS = Map.of(
            "monday", DayOfWeek.MONDAY,
            "tuesday", DayOfWeek.TUESDAY,
            "wednesday", DayOfWeek.WEDNESDAY,
            "thursday", DayOfWeek.THURSDAY,
            "friday", DayOfWeek.FRIDAY);

    private InclusionPanelRules() {}

    public static void validate(ReferToInclusionPanelRequest request) {
        FieldChecks checks = new FieldChecks();
        if (!Upns.isValid(request.getUpn())) {
            checks.fail("/upn", "not a valid UPN (13 characters with a correct check letter)");
        }
        if (!ClosedSets.given(request.getRequestedChange())) {
            checks.fail("/requested_change", ClosedSets.rule("requested_change", RequestedChange.getDescriptor()));
        }
        checks.text(request.getReasons(), "/reasons", TextLimits.SUMMARY, true);
        if (request.getTriedCount() == 0) {
            checks.fail(
                    "/tried", "list what the school has tried (e.g. a pastoral support plan, an FSP) and its effect");
        }
        for (int i = 0; i < request.getTriedCount(); i++) {
            if (!ClosedSets.given(request.getTried(i).getKind())) {
                checks.fail("/tried/" + i + "/kind", ClosedSets.rule("kind", InterventionKind.getDescriptor()));
            }
            checks.text(request.getTried(i).getEffect(), "/tried/" + i + "/effect", TextLimits.SUMMARY, true);
        }
        if (request.getPupilAndParentViews().length() > TextLimits.SUMMARY) {
            checks.fail("/pupil_and_parent_views", "at most " + TextLimits.SUMMARY + " characters");
        }
        checks.throwIfAny("The referral is not valid");
    }

    /**
     * The status a referral in {@code status} moves to under {@code request}, checking what the action
     * carries; {@code today} bounds the dates. Which schools a decision names is checked by the caller
     * against the register.
     */
    public static IspReferralStatus next(
            IspReferralStatus status, String referringUrn, ActOnIspReferralRequest request, LocalDate today) {
        IspAction action = request.getAction();
        if (!ClosedSets.given(action)) {
            throw InvalidInputException.of("/action", ClosedSets.rule("action", IspAction.getDescriptor()));
        }
        if (!ACTIONS.getOrDefault(status, Set.of()).contains(action)) {
            throw InvalidInputException.of(
                    "/action",
                    "a referral that is " + ClosedSets.inWords(status) + " cannot be given "
                            + ClosedSets.jsonName(action));
        }
        FieldChecks checks = new FieldChecks();
        if (action == IspAction.ISP_ACTION_SCHEDULE_PANEL) {
            LocalDate panel = date(checks, "/panel_date", request.getPanelDate());
            if (panel != null && panel.isBefore(today)) {
                checks.fail("/panel_date", "panel_date must be today or later");
            }
        }
        if (action == IspAction.ISP_ACTION_DECLINE && request.getNote().isBlank()) {
            checks.fail("/note", "say why the referral is declined");
        }
        if (action == IspAction.ISP_ACTION_RECORD_DECISION) {
            checkDecision(checks, referringUrn, request, today);
        }
        if (request.getNote().length() > TextLimits.SUMMARY) {
            checks.fail("/note", "note must be at most " + TextLimits.SUMMARY + " characters");
        }
        checks.throwIfAny("The action is not valid");
        return NEXT.get(action);
    }

    private static void checkDecision(
            FieldChecks checks, String referringUrn, ActOnIspReferralRequest request, LocalDate today) {
        if (!ClosedSets.given(request.getDecision())) {
            checks.fail("/decision", ClosedSets.rule("decision", IspDecision.getDescriptor()));
            return;
        }
        if (request.getDecision() == IspDecision.ISP_DECISION_FAIR_ACCESS_PLACEMENT) {
            if (!SchoolRules.isUrn(request.getPlacement().getUrn())) {
                checks.fail("/placement/urn", "the school the pupil is placed at: a 6-digit URN");
            } else if (request.getPlacement().getUrn().equals(referringUrn)) {
                checks.fail("/placement/urn", "a fair-access placement is at another school");
            }
            LocalDate start =
                    date(checks, "/placement/start_date", request.getPlacement().getStartDate());
            if (start != null && start.isBefore(today)) {
                checks.fail("/placement/start_date", "start_date must be today or later");
            }
        }
        if (request.getDecision() == IspDecision.ISP_DECISION_DUAL_REGISTRATION) {
            DualRegistration dual = request.getDualRegistration();
            if (!SchoolRules.isUrn(dual.getProviderUrn())) {
                checks.fail("/dual_registration/provider_urn", "the alternative provision setting: a 6-digit URN");
            } else if (dual.getProviderUrn().equals(referringUrn)) {
                checks.fail("/dual_registration/provider_urn", "the other setting is not the pupil's main school");
            }
            LocalDate start = date(checks, "/dual_registration/start_date", dual.getStartDate());
            LocalDate end = date(checks, "/dual_registration/end_date", dual.getEndDate());
            if (start != null && start.isBefore(today)) {
                checks.fail("/dual_registration/start_date", "start_date must be today or later");
            }
            if (start != null && end != null && (end.isBefore(start) || end.isAfter(start.plusYears(1)))) {
                checks.fail("/dual_registration/end_date", "end_date must be on or after start_date, within a year");
            }
            if (dual.getSessionsCount() == 0 || dual.getSessionsCount() > DAYS.size() * 2) {
                checks.fail("/dual_registration/sessions", "name the weekly sessions at the other setting (1 to 10)");
            }
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < dual.getSessionsCount(); i++) {
                WeeklySession session = dual.getSessions(i);
                if (!DAYS.containsKey(session.getDay()) || !MarkBatches.SESSIONS.contains(session.getSession())) {
                    checks.fail(
                            "/dual_registration/sessions/" + i, "day must be monday to friday and session AM or PM");
                } else if (!seen.add(session.getDay() + session.getSession())) {
                    checks.fail("/dual_registration/sessions/" + i, "this session is named twice");
                }
            }
        }
    }

    /** Whether the arrangement has the pupil at the other setting on {@code day}'s {@code session}. */
    public static boolean atOtherSetting(DualRegistration dual, LocalDate day, String session) {
        if (day.isBefore(Dates.toLocalDate(dual.getStartDate())) || day.isAfter(Dates.toLocalDate(dual.getEndDate()))) {
            return false;
        }
        String weekday = day.getDayOfWeek().name().toLowerCase(Locale.ROOT);
        return dual.getSessionsList().stream()
                .anyMatch(s -> s.getDay().equals(weekday) && s.getSession().equals(session));
    }

    /** A pupil's dual-registration arrangement at a main school. */
    public record Arrangement(String upn, DualRegistration dual) {}

    /** The marks of a batch that contradict an arrangement: a session at the other setting is D at the main school. */
    public static List<MarkError> contradictions(List<Mark> batch, List<Arrangement> arrangements) {
        if (arrangements.isEmpty()) {
            return List.of(); // most schools' batches: nothing to read mark by mark
        }
        List<MarkError> errors = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            Mark mark = batch.get(i);
            if (mark.getCode().equals(DUAL_REGISTERED)) {
                continue;
            }
            LocalDate day = parsed(mark.getDate());
            for (Arrangement arrangement : arrangements) {
                if (day != null
                        && arrangement.upn().equals(mark.getUpn())
                        && atOtherSetting(arrangement.dual(), day, mark.getSession())) {
                    errors.add(MarkError.newBuilder()
                            .setIndex(i)
                            .setField("code")
                            .setReason("the pupil is at " + arrangement.dual().getProviderName()
                                    + " this session (dual registration): code D")
                            .build());
                }
            }
        }
        return errors;
    }

    /**
     * The D marks the arrangements add to a batch: each arrangement session on a day the batch records,
     * for a pupil {@code onRoll}, that the batch does not mark itself.
     */
    public static List<Mark> sessionsAtOtherSettings(
            List<Mark> batch, List<Arrangement> arrangements, Set<String> onRoll) {
        if (arrangements.isEmpty()) {
            return List.of();
        }
        Set<String> marked = new HashSet<>();
        Set<LocalDate> days = new HashSet<>();
        for (Mark mark : batch) {
            marked.add(mark.getUpn() + "@" + MarkBatches.sessionKey(mark));
            LocalDate day = parsed(mark.getDate());
            if (day != null) {
                days.add(day);
            }
        }
        List<Mark> added = new ArrayList<>();
        for (Arrangement arrangement : arrangements) {
            if (!onRoll.contains(arrangement.upn())) {
                continue;
            }
            for (LocalDate day : days.stream().sorted().toList()) {
                for (String session : List.of("AM", "PM")) {
                    Mark mark = Mark.newBuilder()
                            .setUpn(arrangement.upn())
                            .setDate(day.toString())
                            .setSession(session)
                            .setCode(DUAL_REGISTERED)
                            .setComment("At " + arrangement.dual().getProviderName() + " (dual registration)")
                            .build();
                    if (atOtherSetting(arrangement.dual(), day, session)
                            && marked.add(arrangement.upn() + "@" + MarkBatches.sessionKey(mark))) {
                        added.add(mark);
                    }
                }
            }
        }
        return added;
    }

    /** The D marks for an arrangement's sessions from its start to {@code today} (school days only). */
    public static List<Mark> sessionsSoFar(
            String upn, DualRegistration dual, AcademicCalendar calendar, LocalDate today) {
        List<Mark> marks = new ArrayList<>();
        LocalDate end =
                Dates.toLocalDate(dual.getEndDate()).isBefore(today) ? Dates.toLocalDate(dual.getEndDate()) : today;
        for (LocalDate day : calendar.schoolDays(Dates.toLocalDate(dual.getStartDate()), end)) {
            for (String session : List.of("AM", "PM")) {
                if (atOtherSetting(dual, day, session)) {
                    marks.add(Mark.newBuilder()
                            .setUpn(upn)
                            .setDate(day.toString())
                            .setSession(session)
                            .setCode(DUAL_REGISTERED)
                            .setComment("At " + dual.getProviderName() + " (dual registration)")
                            .build());
                }
            }
        }
        return marks;
    }

    private static LocalDate date(FieldChecks checks, String field, Date value) {
        return checks.date(value, field, true);
    }

    /** An ISO date from 1900 to 2199 (no overflow in date arithmetic), or null. */
    private static LocalDate parsed(String value) {
        try {
            LocalDate day = LocalDate.parse(value);
            return day.getYear() < 1900 || day.getYear() > 2199 ? null : day;
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
