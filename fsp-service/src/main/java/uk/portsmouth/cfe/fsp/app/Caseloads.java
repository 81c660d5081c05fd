package uk.portsmouth.cfe.fsp.app;

import java.time.Clock;
import java.time.LocalDate;
import java.time.Period;
import uk.portsmouth.cfe.fsp.domain.PlanAccess;
import uk.portsmouth.cfe.fsp.domain.ReviewSchedule;
import uk.portsmouth.cfe.fsp.store.PlanStore;
import uk.portsmouth.cfe.platform.audit.AuditLog;
import uk.portsmouth.cfe.platform.audit.AuditSubjects;
import uk.portsmouth.cfe.platform.errors.ForbiddenException;
import uk.portsmouth.cfe.platform.errors.InvalidInputException;
import uk.portsmouth.cfe.platform.grpc.CallerContexts;
import uk.portsmouth.cfe.platform.paging.Page;
import uk.portsmouth.cfe.platform.paging.Paging;
import uk.portsmouth.cfe.platform.proto.ClosedSets;
import uk.portsmouth.cfe.platform.proto.Dates;
import uk.portsmouth.cfe.platform.reference.Localities;
import uk.portsmouth.cfe.platform.reference.Roles;
import uk.portsmouth.cfe.platform.time.CityTime;
import uk.portsmouth.cfe.proto.common.v1.CallerContext;
import uk.portsmouth.cfe.proto.fsp.v1.CaseloadEntry;
import uk.portsmouth.cfe.proto.fsp.v1.CaseloadPage;
import uk.portsmouth.cfe.proto.fsp.v1.ListCaseloadRequest;
import uk.portsmouth.cfe.proto.fsp.v1.ListReviewsDueRequest;
import uk.portsmouth.cfe.proto.fsp.v1.Plan;
import uk.portsmouth.cfe.proto.fsp.v1.PlanStatus;

/**
 * A professional's caseload and the reviews coming due, the use cases: the plans the caller
 * co-ordinates or works on (an early-help manager: every plan), filtered and paged, each with the
 * caller's role on it and whether its review is overdue today. Audited.
 */
public final class Caseloads {

    private final PlanStore plans;
    private final AuditLog audit;
    private final Clock clock;

    public Caseloads(PlanStore plans, AuditLog audit, Clock clock) {
        this.plans = plans;
        this.audit = audit;
        this.clock = clock;
    }

    public CaseloadPage listCaseload(ListCaseloadRequest request) {
        CallerContext caller = caseloadCaller();
        if (request.getTier() != 0 && request.getTier() != 2 && request.getTier() != 3) {
            throw InvalidInputException.of("tier", "tier must be 2 or 3");
        }
        if (request.getStatusValue() != 0 && !ClosedSets.given(request.getStatus())) {
            throw InvalidInputException.of(
                    "status",
                    "status must be one of " + String.join(", ", ClosedSets.jsonNames(PlanStatus.getDescriptor())));
        }
        if (request.getLocalityValue() != 0 && !Localities.isArea(request.getLocality())) {
            throw InvalidInputException.of("locality", Localities.AREA_RULE);
        }
        LocalDate today = CityTime.today(clock);
        Page<Plan> page = plans.caseload(
                PlanAccess.professionalId(caller),
                new PlanStore.CaseloadFilter(
                        request.getCoordinator(),
                        request.getTier(),
                        request.getStatus(),
                        request.getLocality(),
                        request.getOverdueOnly()),
                today,
                Paging.of(request.getPage()));
        audit.record(
                caller,
                "list-caseload",
                "read " + page.contents().size(),
                page.contents().stream().map(p -> AuditSubjects.plan(p.getId())).toList());
        return caseload(page, caller, today);
    }

    public CaseloadPage listReviewsDue(ListReviewsDueRequest request) {
        CallerContext caller = caseloadCaller();
        if (request.getWithinDays() < 0 || request.getWithinDays() > 365) {
            throw InvalidInputException.of("within_days", "within_days must be from 0 to 365");
        }
        LocalDate today = CityTime.today(clock);
        int within = request.getWithinDays() == 0 ? 14 : request.getWithinDays();
        Page<Plan> page = plans.reviewsDue(
                PlanAccess.professionalId(caller), today.plusDays(within), Paging.of(request.getPage()));
        audit.record(
                caller,
                "list-reviews-due",
                "read " + page.contents().size(),
                page.contents().stream().map(p -> AuditSubjects.plan(p.getId())).toList());
        return caseload(page, caller, today);
    }

    private static CallerContext caseloadCaller() {
        CallerContext caller = CallerContexts.current();
        if (!caller.getRolesList().contains(Roles.EARLY_HELP_MANAGER)
                && PlanAccess.professionalId(caller).isEmpty()) {
            throw new ForbiddenException("Only professionals and early-help managers have a caseload");
        }
        return caller;
    }

    private static CaseloadPage caseload(Page<Plan> page, CallerContext caller, LocalDate today) {
        CaseloadPage.Builder out = CaseloadPage.newBuilder().setPage(page.info());
        for (Plan plan : page.contents()) {
            out.addContents(CaseloadEntry.newBuilder()
                    .setPlanId(plan.getId())
                    .setFamilyName(plan.getFamily().getFamilyName())
                    .addAllChildren(plan.getFamily().getChildrenList().stream()
                            .map(c -> c.getGivenName() + " ("
                                    + Period.between(Dates.toLocalDate(c.getDateOfBirth()), today)
                                            .getYears() + ")")
                            .toList())
                    .setTier(plan.getTier())
                    .setStatus(plan.getStatus())
                    .setCoordinatorId(plan.getCoordinator().getProfessionalId())
                    .setCoordinatorName(plan.getCoordinator().getName())
                    .setLocality(plan.getFamily().getAddress().getLocality())
                    .setNextReviewDue(plan.getNextReviewDue())
                    .setReviewOverdue(Dates.given(plan.getNextReviewDue())
                            && ReviewSchedule.overdue(Dates.toLocalDate(plan.getNextReviewDue()), today))
                    .setMyRole(PlanAccess.relation(caller, plan).onCaseload()));
        }
        return out.build();
    }
}
