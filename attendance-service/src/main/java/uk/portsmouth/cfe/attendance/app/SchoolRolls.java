package uk.portsmouth.cfe.attendance.app;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import uk.portsmouth.cfe.attendance.domain.NewPupilReturnRules;
import uk.portsmouth.cfe.attendance.domain.PupilRules;
import uk.portsmouth.cfe.attendance.store.NewPupilReturnStore;
import uk.portsmouth.cfe.attendance.store.PupilStore;
import uk.portsmouth.cfe.platform.audit.AuditLog;
import uk.portsmouth.cfe.platform.audit.AuditSubjects;
import uk.portsmouth.cfe.platform.grpc.CallerContexts;
import uk.portsmouth.cfe.platform.paging.Page;
import uk.portsmouth.cfe.platform.paging.Paging;
import uk.portsmouth.cfe.platform.time.CityTime;
import uk.portsmouth.cfe.proto.attendance.v1.ListPupilsRequest;
import uk.portsmouth.cfe.proto.attendance.v1.NewPupilReturn;
import uk.portsmouth.cfe.proto.attendance.v1.Pupil;
import uk.portsmouth.cfe.proto.attendance.v1.PupilPage;
import uk.portsmouth.cfe.proto.attendance.v1.UpsertPupilsReply;
import uk.portsmouth.cfe.proto.attendance.v1.UpsertPupilsRequest;
import uk.portsmouth.cfe.proto.common.v1.CallerContext;

/**
 * A school's roll, the use cases: the MIS sync adds and updates pupils (a removal from roll is a
 * notice of its own), owing the LA a new pupil's return where the law asks for one; the school and
 * the LA page through it. Every read and write of pupils' data is audited.
 */
public final class SchoolRolls {
    private static final List<String> LA = CallerContexts.LA_ROLES;
    private static final String OWN_SCHOOL_OR_LA = "Only the school itself or the LA works with a school's pupils";

    private final PupilStore pupils;
    private final NewPupilReturnStore newPupilReturns;
    private final MarksIngest ingest;
    private final SchoolLookup register;
    private final AuditLog audit;
    private final Clock clock;

    public SchoolRolls(
            PupilStore pupils,
            NewPupilReturnStore newPupilReturns,
            MarksIngest ingest,
            SchoolLookup register,
            AuditLog audit,
            Clock clock) {
        this.pupils = pupils;
        this.newPupilReturns = newPupilReturns;
        this.ingest = ingest;
        this.register = register;
        this.audit = audit;
        this.clock = clock;
    }

    public UpsertPupilsReply upsertPupils(UpsertPupilsRequest request) {
        CallerContext caller = CallerContexts.requireOwnSchoolOrRole(request.getUrn(), LA, OWN_SCHOOL_OR_LA);
        register.requireSchool(request.getUrn());
        PupilRules.validate(request.getUrn(), request.getPupilsList(), today());
        Map<String, Pupil> existing = pupils.findAll(request.getPupilsList().stream()
                .map(p -> PupilStore.id(request.getUrn(), p.getUpn()))
                .toList());
        List<Pupil> changed = new ArrayList<>();
        int added = 0;
        int unchanged = 0;
        for (Pupil sent : request.getPupilsList()) {
            // the MIS sync adds and updates; removal from roll is a notice of its own
            Pupil pupil =
                    sent.toBuilder().setUrn(request.getUrn()).setOnRoll(true).build();
            Pupil before = existing.get(PupilStore.id(request.getUrn(), pupil.getUpn()));
            if (before == null) {
                added++;
                changed.add(pupil);
            } else if (before.equals(pupil)) {
                unchanged++;
            } else {
                changed.add(pupil);
            }
        }
        List<NewPupilReturn> owed = returnsOwed(request.getUrn(), changed, existing);
        // the returns first: a sync retried after a failure in between still finds its pupils new
        newPupilReturns.addAll(owed, caller.getSubject());
        pupils.upsert(changed);
        boolean regrouped = changed.stream().anyMatch(p -> {
            Pupil before = existing.get(PupilStore.id(p.getUrn(), p.getUpn()));
            return before != null && !MarksIngest.group(before).equals(MarksIngest.group(p));
        });
        if (regrouped) {
            ingest.recountSchoolTotals(request.getUrn());
        }
        audit.record(
                caller,
                "upsert-pupils",
                changed.size() + " written",
                AuditSubjects.with(
                        AuditSubjects.school(request.getUrn()),
                        AuditSubjects.upns(changed.stream().map(Pupil::getUpn).toList())));
        return UpsertPupilsReply.newBuilder()
                .setAdded(added)
                .setUpdated(changed.size() - added)
                .setUnchanged(unchanged)
                .setNewPupilReturnsOwed(owed.size())
                .build();
    }

    /** The new pupils' returns (reg 13) the enrolments this sync adds owe the LA. */
    private List<NewPupilReturn> returnsOwed(String urn, List<Pupil> changed, Map<String, Pupil> existing) {
        List<Pupil> added = changed.stream()
                .filter(p -> !existing.containsKey(PupilStore.id(p.getUrn(), p.getUpn())))
                .toList();
        if (added.isEmpty()) {
            return List.of();
        }
        LocalDate today = today();
        LocalDate firstSync = newPupilReturns.firstRollSync(urn, today);
        String now = CityTime.timestamp(clock);
        return added.stream()
                .flatMap(p -> NewPupilReturnRules.owedFor(p, firstSync, today, now).stream())
                .toList();
    }

    public PupilPage listPupils(ListPupilsRequest request) {
        CallerContext caller = CallerContexts.requireOwnSchoolOrRole(request.getUrn(), LA, OWN_SCHOOL_OR_LA);
        register.requireSchool(request.getUrn());
        Page<Pupil> page = pupils.list(
                request.getUrn(),
                request.getHasYearGroup() ? request.getYearGroup() : null,
                Paging.of(request.getPage()));
        audit.record(
                caller,
                "list-pupils",
                "read " + page.contents().size(),
                AuditSubjects.with(
                        AuditSubjects.school(request.getUrn()),
                        AuditSubjects.upns(
                                page.contents().stream().map(Pupil::getUpn).toList())));
        return PupilPage.newBuilder()
                .setPage(page.info())
                .addAllContents(page.contents())
                .build();
    }

    private LocalDate today() {
        return CityTime.today(clock);
    }
}
