package uk.portsmouth.cfe.fsp.domain;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import uk.portsmouth.cfe.platform.errors.ConflictException;
import uk.portsmouth.cfe.platform.errors.FieldChecks;
import uk.portsmouth.cfe.platform.errors.NotFoundException;
import uk.portsmouth.cfe.platform.proto.ClosedSets;
import uk.portsmouth.cfe.platform.proto.Dates;
import uk.portsmouth.cfe.platform.reference.AspectsOfLife;
import uk.portsmouth.cfe.proto.fsp.v1.Action;
import uk.portsmouth.cfe.proto.fsp.v1.ActionStatus;
import uk.portsmouth.cfe.proto.fsp.v1.AddProgressRequest;
import uk.portsmouth.cfe.proto.fsp.v1.Plan;
import uk.portsmouth.cfe.proto.fsp.v1.PlanStatus;
import uk.portsmouth.cfe.proto.fsp.v1.ProgressUpdate;
import uk.portsmouth.cfe.proto.fsp.v1.TeamMember;
import uk.portsmouth.cfe.proto.fsp.v1.TeamMemberKind;
import uk.portsmouth.cfe.proto.fsp.v1.UpdateActionRequest;

/**
 * The Team Around the Family (professionals, and family members who take actions) and the plan's
 * actions: which aspect, what, who (a team member), by when, status, dated progress updates.
 */
public final class TeamAndActions {

    public static final Set<ActionStatus> OPEN =
            Set.of(ActionStatus.ACTION_STATUS_NOT_STARTED, ActionStatus.ACTION_STATUS_IN_PROGRESS);
    private static final String STATUS_RULE =
            "status must be one of " + String.join(", ", ClosedSets.jsonNames(ActionStatus.getDescriptor()));

    private TeamAndActions() {}

    /**
     * The plan with {@code member} in its team: a professional by their id, or a family member by their id in
     * the family.
     */
    public static Plan addMember(Plan plan, TeamMember member, Stamp stamp) {
        requireOpen(plan);
        FieldChecks checks = new FieldChecks();
        checks.require(member.getMemberId(), "/member_id", "member_id (a professional's id, or a family member's id)");
        TeamMember.Builder added = member.toBuilder().setAddedOn(Dates.of(stamp.today()));
        if (member.getKind() == TeamMemberKind.TEAM_MEMBER_KIND_FAMILY) {
            Optional<String> name = familyMemberName(plan, member.getMemberId());
            if (name.isEmpty()) {
                checks.fail("/member_id", "no child or adult " + member.getMemberId() + " in this family");
            }
            added.setName(name.orElse(""))
                    .setAgency("")
                    .setRole(member.getRole().isEmpty() ? "family member" : member.getRole());
        } else if (member.getKind() == TeamMemberKind.TEAM_MEMBER_KIND_PROFESSIONAL) {
            checks.require(member.getName(), "/name", "the professional's name");
            checks.require(member.getRole(), "/role", "the professional's role");
            checks.require(member.getAgency(), "/agency", "the professional's agency");
        } else {
            checks.fail("/kind", "kind must be professional or family");
        }
        checks.throwIfAny("The team member has bad fields");
        if (member(plan, member.getMemberId()).isPresent()) {
            throw new ConflictException("/member_id", member.getMemberId() + " is in the team already");
        }
        return plan.toBuilder()
                .addTeam(added)
                .addHistory(stamp.history("team member added", added.getName() + " (" + describe(added.build()) + ")"))
                .build();
    }

    /** The plan without team member {@code memberId}; never the co-ordinator, never someone with open actions. */
    public static Plan removeMember(Plan plan, String memberId, Stamp stamp) {
        requireOpen(plan);
        TeamMember member = member(plan, memberId).orElseThrow(() -> new NotFoundException("team member", memberId));
        if (plan.getCoordinator().getProfessionalId().equals(memberId)) {
            throw new ConflictException(
                    "/member_id", "the co-ordinator cannot leave the team; transfer the plan first");
        }
        long open = plan.getActionsList().stream()
                .filter(a -> a.getOwnerId().equals(memberId) && OPEN.contains(a.getStatus()))
                .count();
        if (open > 0) {
            throw new ConflictException(
                    "/member_id",
                    member.getName() + " owns " + open + " open action(s); give them to someone else first");
        }
        List<TeamMember> team = plan.getTeamList().stream()
                .filter(m -> !m.getMemberId().equals(memberId))
                .toList();
        return plan.toBuilder()
                .clearTeam()
                .addAllTeam(team)
                .addHistory(stamp.history("team member removed", member.getName()))
                .build();
    }

    /** The plan with a new action, checked and given the next id. */
    public static Plan addAction(Plan plan, Action action, Stamp stamp) {
        requireOpen(plan);
        Action checked = checkedAction(
                plan,
                action.toBuilder()
                        .setId(nextActionId(plan))
                        .setCreatedOn(Dates.of(stamp.today()))
                        .setStatus(
                                action.getStatusValue() == 0
                                        ? ActionStatus.ACTION_STATUS_NOT_STARTED
                                        : action.getStatus())
                        .clearProgress()
                        .build(),
                "",
                stamp.today());
        return plan.toBuilder()
                .addActions(checked)
                .addHistory(stamp.history(
                        "action added",
                        checked.getDescription() + " (" + checked.getOwnerName() + ", by "
                                + Dates.text(checked.getDueOn()) + ")"))
                .build();
    }

    /** The plan with one action's status, due date or owner changed (what is empty stays). */
    public static Plan updateAction(Plan plan, UpdateActionRequest request, Stamp stamp) {
        requireOpen(plan);
        int index = actionIndex(plan, request.getActionId());
        Action current = plan.getActions(index);
        Action.Builder next = current.toBuilder();
        if (request.getStatusValue() != 0) {
            next.setStatus(request.getStatus());
        }
        if (Dates.given(request.getDueOn())) {
            next.setDueOn(request.getDueOn());
        }
        if (!request.getOwnerId().isEmpty()) {
            next.setOwnerId(request.getOwnerId());
        }
        Action checked = checkedAction(plan, next.build(), "", stamp.today());
        return plan.toBuilder()
                .setActions(index, checked)
                .addHistory(stamp.history(
                        "action updated",
                        String.join("; ", Changes.between(List.of(), List.of(current), List.of(), List.of(checked)))))
                .build();
    }

    /** The plan with a dated progress note on one action (and its new status, when given). */
    public static Plan addProgress(Plan plan, AddProgressRequest request, Stamp stamp) {
        requireOpen(plan);
        int index = actionIndex(plan, request.getActionId());
        FieldChecks checks = new FieldChecks();
        LocalDate on = checks.pastDate(
                Dates.given(request.getOn()) ? request.getOn() : Dates.of(stamp.today()), "/on", true, stamp.today());
        checks.inOrder(
                Dates.toLocalDate(plan.getCreatedOn()),
                on,
                "/on",
                "progress cannot be dated before the plan was created");
        checks.require(request.getNote(), "/note", "a progress note");
        if (request.getStatusValue() != 0 && !ClosedSets.given(request.getStatus())) {
            checks.fail("/status", STATUS_RULE);
        }
        checks.throwIfAny("The progress update has bad fields");
        Action.Builder action = plan.getActions(index).toBuilder()
                .addProgress(ProgressUpdate.newBuilder()
                        .setOn(Dates.of(on))
                        .setNote(request.getNote().strip())
                        .setBy(stamp.by()));
        if (request.getStatusValue() != 0) {
            action.setStatus(request.getStatus());
        }
        return plan.toBuilder()
                .setActions(index, action)
                .addHistory(stamp.history(
                        "progress recorded", plan.getActions(index).getDescription()))
                .build();
    }

    /**
     * {@code action} checked against {@code plan}: a known aspect, a description, an owner in the
     * team, a due date not before the plan was created, a known status. Fills in the owner's name.
     * Field names are under {@code prefix} (e.g. "/actions/2").
     */
    static Action checkedAction(Plan plan, Action action, String prefix, LocalDate today) {
        FieldChecks checks = new FieldChecks();
        if (AspectsOfLife.bySlug(action.getAspectId()).isEmpty()) {
            checks.fail(prefix + "/aspect_id", "unknown aspect of life '" + action.getAspectId() + "'");
        }
        checks.require(action.getDescription(), prefix + "/description", "what is to be done");
        Optional<TeamMember> owner = member(plan, action.getOwnerId());
        if (owner.isEmpty()) {
            checks.fail(
                    prefix + "/owner_id",
                    "the owner must be in the Team Around the Family ('" + action.getOwnerId() + "' is not)");
        }
        LocalDate due = checks.date(action.getDueOn(), prefix + "/due_on", true);
        checks.inOrder(
                Dates.toLocalDate(plan.getCreatedOn()),
                due,
                prefix + "/due_on",
                "the due date is before the plan was created");
        if (!ClosedSets.given(action.getStatus())) {
            checks.fail(prefix + "/status", STATUS_RULE);
        }
        checks.throwIfAny("The action has bad fields");
        return action.toBuilder()
                .setDescription(action.getDescription().strip())
                .setOwnerName(owner.orElseThrow().getName())
                .build();
    }

    public static Optional<TeamMember> member(Plan plan, String memberId) {
        return plan.getTeamList().stream()
                .filter(m -> m.getMemberId().equals(memberId))
                .findFirst();
    }

    public static Optional<Action> action(Plan plan, String actionId) {
        return plan.getActionsList().stream()
                .filter(a -> a.getId().equals(actionId))
                .findFirst();
    }

    /** The next action id, counting those in a review in progress too. */
    static String nextActionId(Plan plan) {
        int max = Stream.concat(plan.getActionsList().stream(), plan.getReviewInProgress().getActionsList().stream())
                .map(Action::getId)
                .filter(id -> id.matches("action-[0-9]+"))
                .mapToInt(id -> Integer.parseInt(id.substring(7)))
                .max()
                .orElse(0);
        return "action-" + (max + 1);
    }

    static void requireOpen(Plan plan) {
        if (plan.getStatus() == PlanStatus.PLAN_STATUS_CLOSED) {
            throw new ConflictException("/status", "the plan is closed; an early-help manager can reopen it");
        }
    }

    private static int actionIndex(Plan plan, String actionId) {
        for (int i = 0; i < plan.getActionsCount(); i++) {
            if (plan.getActions(i).getId().equals(actionId)) {
                return i;
            }
        }
        throw new NotFoundException("action", actionId);
    }

    private static Optional<String> familyMemberName(Plan plan, String id) {
        return Stream.concat(
                        plan.getFamily().getChildrenList().stream()
                                .filter(c -> c.getId().equals(id))
                                .map(c -> c.getGivenName() + " " + c.getFamilyName()),
                        plan.getFamily().getAdultsList().stream()
                                .filter(a -> a.getId().equals(id))
                                .map(a -> a.getGivenName() + " " + a.getFamilyName()))
                .findFirst();
    }

    private static String describe(TeamMember member) {
        return member.getKind() == TeamMemberKind.TEAM_MEMBER_KIND_FAMILY
                ? "family"
                : member.getRole() + ", " + member.getAgency();
    }
}
