package uk.portsmouth.cfe.fsp.store;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import uk.portsmouth.cfe.platform.errors.VersionConflictException;
import uk.portsmouth.cfe.platform.mongo.OptimisticWrites;
import uk.portsmouth.cfe.platform.paging.Paging;
import uk.portsmouth.cfe.platform.proto.Dates;
import uk.portsmouth.cfe.platform.testing.StoreBackends;
import uk.portsmouth.cfe.platform.testing.StoreBackends.Backend;
import uk.portsmouth.cfe.platform.testing.TestDates;
import uk.portsmouth.cfe.proto.common.v1.Locality;
import uk.portsmouth.cfe.proto.fsp.v1.Child;
import uk.portsmouth.cfe.proto.fsp.v1.Consent;
import uk.portsmouth.cfe.proto.fsp.v1.Family;
import uk.portsmouth.cfe.proto.fsp.v1.Plan;
import uk.portsmouth.cfe.proto.fsp.v1.PlanStatus;
import uk.portsmouth.cfe.proto.fsp.v1.Professional;
import uk.portsmouth.cfe.proto.fsp.v1.TeamMember;
import uk.portsmouth.cfe.proto.fsp.v1.TeamMemberKind;

/**
 * Plans as kept, through the real driver, on the embedded store and on MongoDB where Docker exists:
 * conditional writes on the version, who finds a plan on their caseload (the co-ordinator; a team
 * member only while consent stands), reviews due, and racing changes that each land exactly once.
 */
class PlanStoreContractTest {

    private static final LocalDate TODAY = LocalDate.parse("2026-12-01");
    private static final PlanStore.CaseloadFilter ANY = new PlanStore.CaseloadFilter(
            "", 0, PlanStatus.PLAN_STATUS_UNSPECIFIED, Locality.LOCALITY_UNSPECIFIED, false);

    private static Plan plan(String id, String coordinator, String teamMember, boolean consent, String reviewDue) {
        return Plan.newBuilder()
                .setId(id)
                .setStatus(PlanStatus.PLAN_STATUS_ACTIVE)
                .setTier(2)
                .setFamily(Family.newBuilder()
                        .setFamilyName(id)
                        .addChildren(Child.newBuilder().setUpn("upn-" + id)))
                .setConsent(
                        consent
                                ? Consent.newBuilder().setGivenOn(Dates.of(LocalDate.of(2026, 11, 1)))
                                : Consent.newBuilder())
                .setCoordinator(Professional.newBuilder().setProfessionalId(coordinator))
                .addTeam(TeamMember.newBuilder()
                        .setMemberId(teamMember)
                        .setKind(TeamMemberKind.TEAM_MEMBER_KIND_PROFESSIONAL))
                .setNextReviewDue(TestDates.date(reviewDue))
                .build();
    }

    private static List<String> ids(uk.portsmouth.cfe.platform.paging.Page<Plan> page) {
        return page.contents().stream().map(Plan::getId).toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(StoreBackends.ALL)
    void aChangeLandsOnlyOnTheVersionItWasMadeFrom(Backend store) {
        PlanStore plans = new PlanStore(store.freshDatabase());
        Plan plan = plan("fsp-1", "prof-1", "prof-2", true, "2026-12-20");
        assertThat(plans.insert(plan, "lp"), is(true));
        assertThat("an id is taken once", plans.insert(plan, "lp"), is(false));
        assertThat(plans.find("fsp-1").orElseThrow().version(), is(1L));
        assertThat(plans.replace(plan.toBuilder().setTier(3).build(), 1, "lp"), is(2L));
        assertThrows(VersionConflictException.class, () -> plans.replace(plan, 1, "lp"));
        assertThat(plans.find("fsp-1").orElseThrow().body().getTier(), is(3));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(StoreBackends.ALL)
    void aTeamMemberFindsAPlanOnlyWhileConsentStands(Backend store) {
        PlanStore plans = new PlanStore(store.freshDatabase());
        plans.insert(plan("fsp-a", "prof-1", "prof-2", true, "2026-11-20"), "lp");
        plans.insert(plan("fsp-b", "prof-3", "prof-2", false, "2027-02-01"), "lp");
        Paging all = new Paging(1, 50);
        assertThat(ids(plans.caseload("prof-2", ANY, TODAY, all)), is(List.of("fsp-a")));
        assertThat(ids(plans.caseload("prof-3", ANY, TODAY, all)), is(List.of("fsp-b")));
        assertThat(
                "a manager's: every plan, soonest review first",
                ids(plans.caseload("", ANY, TODAY, all)),
                is(List.of("fsp-a", "fsp-b")));
        assertThat(
                "overdue only",
                ids(plans.caseload(
                        "",
                        new PlanStore.CaseloadFilter(
                                "", 0, PlanStatus.PLAN_STATUS_UNSPECIFIED, Locality.LOCALITY_UNSPECIFIED, true),
                        TODAY,
                        all)),
                is(List.of("fsp-a")));
        assertThat(ids(plans.reviewsDue("", TODAY.plusDays(14), all)), is(List.of("fsp-a")));
        assertThat("active and shared", plans.hasOpenPlan("upn-fsp-a"), is(true));
        assertThat("no consent: not said to the attendance service", plans.hasOpenPlan("upn-fsp-b"), is(false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(StoreBackends.ALL)
    void racingChangesEachLandOnce(Backend store) throws Exception {
        PlanStore plans = new PlanStore(store.freshDatabase());
        plans.insert(plan("fsp-race", "prof-1", "prof-2", true, "2026-12-20"), "lp");
        int joiners = 24;
        List<Future<Long>> racing = new ArrayList<>();
        try (ExecutorService threads = Executors.newFixedThreadPool(8)) {
            for (int i = 0; i < joiners; i++) {
                String member = "joiner-" + i;
                racing.add(threads.submit(() -> OptimisticWrites.retry(1_000, () -> {
                    var stored = plans.find("fsp-race").orElseThrow();
                    Plan joined = stored.body().toBuilder()
                            .addTeam(TeamMember.newBuilder()
                                    .setMemberId(member)
                                    .setKind(TeamMemberKind.TEAM_MEMBER_KIND_PROFESSIONAL))
                            .build();
                    return plans.replace(joined, stored.version(), member);
                })));
            }
            for (Future<Long> change : racing) {
                change.get();
            }
        }
        var stored = plans.find("fsp-race").orElseThrow();
        assertThat("every joiner once, none lost", stored.body().getTeamCount(), is(1 + joiners));
        assertThat(
                stored.body().getTeamList().stream()
                        .map(TeamMember::getMemberId)
                        .distinct()
                        .count(),
                is((long) 1 + joiners));
        assertThat(stored.version(), is(1L + joiners));
    }
}
