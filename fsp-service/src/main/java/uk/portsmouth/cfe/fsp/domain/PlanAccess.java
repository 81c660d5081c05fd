package uk.portsmouth.cfe.fsp.domain;

import uk.portsmouth.cfe.platform.errors.ForbiddenException;
import uk.portsmouth.cfe.platform.proto.Dates;
import uk.portsmouth.cfe.platform.reference.Roles;
import uk.portsmouth.cfe.proto.common.v1.CallerContext;
import uk.portsmouth.cfe.proto.fsp.v1.Action;
import uk.portsmouth.cfe.proto.fsp.v1.CaseloadRole;
import uk.portsmouth.cfe.proto.fsp.v1.Plan;
import uk.portsmouth.cfe.proto.fsp.v1.TeamMemberKind;

/**
 * Who may do what with a plan. A professional reaches the plans they co-ordinate, and the plans
 * whose Team Around the Family they are in while the family's consent stands (nothing is shared
 * beyond the co-ordinator without it); an early-help manager reaches every plan; nobody else any.
 * The co-ordinator and managers change the plan; team members update the actions they own.
 */
public final class PlanAccess {

    /** How the caller stands to one plan. */
    public enum Relation {
        MANAGER,
        COORDINATOR,
        TEAM_MEMBER,
        NONE;

        /** How a caseload shows it (a plan with no relation is not on the caseload). */
        public CaseloadRole onCaseload() {
            return switch (this) {
                case MANAGER -> CaseloadRole.CASELOAD_ROLE_MANAGER;
                case COORDINATOR -> CaseloadRole.CASELOAD_ROLE_COORDINATOR;
                case TEAM_MEMBER -> CaseloadRole.CASELOAD_ROLE_TEAM_MEMBER;
                case NONE -> CaseloadRole.CASELOAD_ROLE_UNSPECIFIED;
            };
        }
    }

    private PlanAccess() {}

    public static Relation relation(CallerContext caller, Plan plan) {
        if (caller.getRolesList().contains(Roles.EARLY_HELP_MANAGER)) {
            return Relation.MANAGER;
        }
        String professionalId = professionalId(caller);
        if (professionalId.isEmpty()) {
            return Relation.NONE;
        }
        if (plan.getCoordinator().getProfessionalId().equals(professionalId)) {
            return Relation.COORDINATOR;
        }
        boolean inTeam = plan.getTeamList().stream()
                .anyMatch(m -> m.getKind() == TeamMemberKind.TEAM_MEMBER_KIND_PROFESSIONAL
                        && m.getMemberId().equals(professionalId));
        return inTeam && consentStands(plan) ? Relation.TEAM_MEMBER : Relation.NONE;
    }

    /** The caller's professional id, when the caller is a professional (empty otherwise). */
    public static String professionalId(CallerContext caller) {
        return caller.getRolesList().contains(Roles.PROFESSIONAL) ? caller.getProfessionalId() : "";
    }

    /** Consent was given and has not been withdrawn. */
    public static boolean consentStands(Plan plan) {
        return Dates.given(plan.getConsent().getGivenOn())
                && !Dates.given(plan.getConsent().getWithdrawnOn());
    }

    /** The co-ordinator or a manager: anything else is refused. */
    public static void requireLead(Relation relation) {
        if (relation != Relation.COORDINATOR && relation != Relation.MANAGER) {
            throw new ForbiddenException("Only the plan's co-ordinator or an early-help manager may do this");
        }
    }

    /** The co-ordinator, a manager, or the team member who owns {@code action}. */
    public static void requireActionOwnerOrLead(Relation relation, CallerContext caller, Action action) {
        if (relation == Relation.TEAM_MEMBER && action.getOwnerId().equals(professionalId(caller))) {
            return;
        }
        if (relation == Relation.TEAM_MEMBER) {
            throw new ForbiddenException("A team member may update only the actions they own");
        }
        requireLead(relation);
    }

    public static void requireManager(Relation relation, String why) {
        if (relation != Relation.MANAGER) {
            throw new ForbiddenException(why);
        }
    }
}
