package uk.portsmouth.cfe.attendance.app;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import uk.portsmouth.cfe.attendance.domain.RollRemovals;
import uk.portsmouth.cfe.attendance.store.PupilStore;
import uk.portsmouth.cfe.attendance.store.RollRemovalStore;
import uk.portsmouth.cfe.attendance.store.SchoolStore;
import uk.portsmouth.cfe.platform.audit.AuditLog;
import uk.portsmouth.cfe.platform.audit.AuditSubjects;
import uk.portsmouth.cfe.platform.errors.InvalidInputException;
import uk.portsmouth.cfe.platform.errors.NotFoundException;
import uk.portsmouth.cfe.platform.grpc.CallerContexts;
import uk.portsmouth.cfe.platform.mongo.StoredRecord;
import uk.portsmouth.cfe.platform.paging.Page;
import uk.portsmouth.cfe.platform.paging.Paging;
import uk.portsmouth.cfe.platform.proto.ClosedSets;
import uk.portsmouth.cfe.platform.proto.Dates;
import uk.portsmouth.cfe.platform.time.CityTime;
import uk.portsmouth.cfe.proto.attendance.v1.CmeCase;
import uk.portsmouth.cfe.proto.attendance.v1.CmeCasePage;
import uk.portsmouth.cfe.proto.attendance.v1.CmeCaseRecord;
import uk.portsmouth.cfe.proto.attendance.v1.CmeCaseStatus;
import uk.portsmouth.cfe.proto.attendance.v1.CmeEvent;
import uk.portsmouth.cfe.proto.attendance.v1.GetCmeCaseRequest;
import uk.portsmouth.cfe.proto.attendance.v1.ListCmeCasesRequest;
import uk.portsmouth.cfe.proto.attendance.v1.ListRollRemovalsRequest;
import uk.portsmouth.cfe.proto.attendance.v1.NotifyRollRemovalRequest;
import uk.portsmouth.cfe.proto.attendance.v1.Pupil;
import uk.portsmouth.cfe.proto.attendance.v1.RollRemoval;
import uk.portsmouth.cfe.proto.attendance.v1.RollRemovalPage;
import uk.portsmouth.cfe.proto.attendance.v1.UpdateCmeCaseRequest;
import uk.portsmouth.cfe.proto.common.v1.CallerContext;

/**
 * Removal-from-roll notices (a school for its own pupils, or the LA) and the Children Missing
 * Education cases they open (the LA only). A notice sent again is the same notice: nothing doubles.
 */
public final class RollRemovalReturns {

    private static final List<String> LA = CallerContexts.LA_ROLES;
    private static final String OWN_SCHOOL_OR_LA = "Only the school itself or the LA notifies a removal from its roll";

    private final SchoolStore schools;
    private final PupilStore pupils;
    private final RollRemovalStore removals;
    private final AuditLog audit;
    private final Clock clock;

    public RollRemovalReturns(
            SchoolStore schools, PupilStore pupils, RollRemovalStore removals, AuditLog audit, Clock clock) {
        this.schools = schools;
        this.pupils = pupils;
        this.removals = removals;
        this.audit = audit;
        this.clock = clock;
    }

    public RollRemoval notifyRollRemoval(NotifyRollRemovalRequest request) {
        CallerContext caller = CallerContexts.requireOwnSchoolOrRole(request.getUrn(), LA, OWN_SCHOOL_OR_LA);
        schools.find(request.getUrn()).orElseThrow(() -> new NotFoundException("school", request.getUrn()));
        RollRemovals.validate(request);
        String id = request.getUrn() + ":" + request.getUpn() + ":" + Dates.text(request.getDeletionDate());
        Optional<RollRemoval> sentBefore = removals.findRemoval(id);
        if (sentBefore.isPresent()) {
            return sentBefore.get();
        }
        Pupil pupil = pupils.find(request.getUrn(), request.getUpn())
                .filter(Pupil::getOnRoll)
                .orElseThrow(() -> InvalidInputException.of("/upn", "the pupil is not on this school's roll"));
        LocalDate today = CityTime.today(clock);
        String now = CityTime.timestamp(clock);
        String name = pupil.getGivenName() + " " + pupil.getFamilyName();
        RollRemoval.Builder removal = RollRemoval.newBuilder()
                .setId(id)
                .setUrn(request.getUrn())
                .setUpn(request.getUpn())
                .setPupilName(name)
                .setDeletionDate(request.getDeletionDate())
                .setGround(request.getGround())
                .setGroundMeaning(RollRemovals.GROUNDS.get(request.getGround()))
                .setDestinationUrn(request.getDestinationUrn())
                .setDestinationName(request.getDestinationName().strip())
                .setNote(request.getNote().strip())
                .setNotifiedAt(now)
                .setNotifiedBy(caller.getSubject())
                .setLate(RollRemovals.late(request, today));
        // each step is safe to repeat, so a notice retried after a failure finishes the job
        Optional<String> cme = RollRemovals.cmeReason(request, today);
        if (cme.isPresent()) {
            String caseId = "cme-" + id;
            CmeCase opened = CmeCase.newBuilder()
                    .setId(caseId)
                    .setUpn(request.getUpn())
                    .setPupilName(name)
                    .setDateOfBirth(pupil.getDateOfBirth())
                    .setFromUrn(request.getUrn())
                    .setRemovalId(id)
                    .setReason(cme.get())
                    .setStatus(CmeCaseStatus.CME_CASE_STATUS_OPEN)
                    .setOpenedAt(now)
                    .addTimeline(CmeEvent.newBuilder()
                            .setAt(now)
                            .setBy(caller.getSubject())
                            .setStatus(CmeCaseStatus.CME_CASE_STATUS_OPEN)
                            .setNote(cme.get()))
                    .build();
            removals.openCase(opened, caller.getSubject(), AttendanceEvents.cmeCaseOpened(opened));
            removal.setCmeCaseId(caseId);
        }
        removals.addRemoval(
                removal.build(), caller.getSubject(), AttendanceEvents.rollRemovalNotified(removal.build()));
        pupils.upsert(List.of(pupil.toBuilder().setOnRoll(false).build()));
        audit.record(
                caller,
                "notify-roll-removal",
                cme.map(r -> "CME case opened: " + r).orElse("recorded"),
                AuditSubjects.of("roll_removal", id),
                AuditSubjects.upn(request.getUpn()),
                AuditSubjects.school(request.getUrn()));
        return removal.build();
    }

    public RollRemovalPage listRollRemovals(ListRollRemovalsRequest request) {
        CallerContext caller = CallerContexts.requireOwnSchoolOrRole(request.getUrn(), LA, OWN_SCHOOL_OR_LA);
        schools.find(request.getUrn()).orElseThrow(() -> new NotFoundException("school", request.getUrn()));
        Page<RollRemoval> page = removals.removalsAt(request.getUrn(), Paging.of(request.getPage()));
        audit.record(
                caller,
                "list-roll-removals",
                "read " + page.contents().size(),
                AuditSubjects.with(
                        AuditSubjects.school(request.getUrn()),
                        AuditSubjects.upns(
                                page.contents().stream().map(r -> r.getUpn()).toList())));
        return RollRemovalPage.newBuilder()
                .setPage(page.info())
                .addAllContents(page.contents())
                .build();
    }

    public CmeCasePage listCmeCases(ListCmeCasesRequest request) {
        CallerContext caller = CallerContexts.requireAnyRole(LA, "Only the LA tracks children missing education");
        if (request.getStatusValue() != 0 && !ClosedSets.given(request.getStatus())) {
            throw InvalidInputException.of("status", ClosedSets.rule("status", CmeCaseStatus.getDescriptor()));
        }
        List<CmeCaseStatus> statuses = ClosedSets.given(request.getStatus())
                ? List.of(request.getStatus())
                : List.of(CmeCaseStatus.CME_CASE_STATUS_OPEN, CmeCaseStatus.CME_CASE_STATUS_FOUND);
        Page<CmeCase> page = removals.cases(statuses, Paging.of(request.getPage()));
        audit.record(
                caller,
                "list-cme-cases",
                "read " + page.contents().size(),
                AuditSubjects.upns(page.contents().stream().map(c -> c.getUpn()).toList()));
        return CmeCasePage.newBuilder()
                .setPage(page.info())
                .addAllContents(page.contents())
                .build();
    }

    public CmeCaseRecord getCmeCase(GetCmeCaseRequest request) {
        CallerContext caller = CallerContexts.requireAnyRole(LA, "Only the LA tracks children missing education");
        StoredRecord<CmeCase> stored = removals.findCase(request.getId())
                .orElseThrow(() -> new NotFoundException("CME case", request.getId()));
        audit.record(caller, "read-cme-case", "read", AuditSubjects.of("cme_case", request.getId()));
        return CmeCaseRecord.newBuilder()
                .setCmeCase(stored.body())
                .setVersion(stored.version())
                .build();
    }

    public CmeCaseRecord updateCmeCase(UpdateCmeCaseRequest request) {
        CallerContext caller = CallerContexts.requireAnyRole(LA, "Only the LA tracks children missing education");
        StoredRecord<CmeCase> stored = removals.findCase(request.getId())
                .orElseThrow(() -> new NotFoundException("CME case", request.getId()))
                .atVersion(request.getExpectedVersion());
        RollRemovals.checkTransition(stored.body().getStatus(), request.getStatus(), request.getPlacedUrn());
        if (request.getNote().length() > 2000) {
            throw InvalidInputException.of("/note", "note must be at most 2000 characters");
        }
        String now = CityTime.timestamp(clock);
        CmeCase updated = stored.body().toBuilder()
                .setStatus(request.getStatus())
                .setPlacedUrn(request.getPlacedUrn())
                .addTimeline(CmeEvent.newBuilder()
                        .setAt(now)
                        .setBy(caller.getSubject())
                        .setStatus(request.getStatus())
                        .setNote(request.getNote().strip()))
                .build();
        long version = removals.replaceCase(updated, request.getExpectedVersion(), caller.getSubject());
        audit.record(
                caller,
                "update-cme-case",
                ClosedSets.jsonName(request.getStatus()),
                AuditSubjects.of("cme_case", request.getId()));
        return CmeCaseRecord.newBuilder()
                .setCmeCase(updated)
                .setVersion(version)
                .build();
    }
}
