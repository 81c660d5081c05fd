package uk.portsmouth.cfe.attendance.app;

import java.time.Clock;
import java.time.LocalDate;
import uk.portsmouth.cfe.attendance.domain.NewPupilReturnRules;
import uk.portsmouth.cfe.attendance.store.NewPupilReturnStore;
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
import uk.portsmouth.cfe.platform.time.CityTime;
import uk.portsmouth.cfe.proto.attendance.v1.GetNewPupilReturnRequest;
import uk.portsmouth.cfe.proto.attendance.v1.ListNewPupilReturnsRequest;
import uk.portsmouth.cfe.proto.attendance.v1.NewPupilReturn;
import uk.portsmouth.cfe.proto.attendance.v1.NewPupilReturnPage;
import uk.portsmouth.cfe.proto.attendance.v1.NewPupilReturnRecord;
import uk.portsmouth.cfe.proto.attendance.v1.NewPupilReturnStatus;
import uk.portsmouth.cfe.proto.attendance.v1.SubmitNewPupilReturnRequest;
import uk.portsmouth.cfe.proto.common.v1.CallerContext;

/**
 * New pupils' returns (reg 13): made by the roll sync (SchoolAttendance), listed here as due or
 * overdue to the school and the LA (one school's, or every school's for the LA), and completed and
 * submitted by the school. Every read and write is audited.
 */
public final class NewPupilReturns {

    private final SchoolStore schools;
    private final NewPupilReturnStore returns;
    private final AuditLog audit;
    private final Clock clock;

    public NewPupilReturns(SchoolStore schools, NewPupilReturnStore returns, AuditLog audit, Clock clock) {
        this.schools = schools;
        this.returns = returns;
        this.audit = audit;
        this.clock = clock;
    }

    public NewPupilReturnPage list(ListNewPupilReturnsRequest request) {
        CallerContext caller = SchoolCases.listCaller(request.getUrn(), "new pupil returns");
        if (!request.getUrn().isEmpty()) {
            schools.find(request.getUrn()).orElseThrow(() -> new NotFoundException("school", request.getUrn()));
        }
        if (request.getStatusValue() != 0 && !ClosedSets.given(request.getStatus())) {
            throw InvalidInputException.of("status", ClosedSets.rule("status", NewPupilReturnStatus.getDescriptor()));
        }
        LocalDate today = CityTime.today(clock);
        Page<NewPupilReturn> page = returns.page(
                request.getUrn(), request.getStatus(), request.getOverdueOnly(), today, Paging.of(request.getPage()));
        audit.record(
                caller,
                "list-new-pupil-returns",
                "read " + page.contents().size(),
                AuditSubjects.upns(
                        page.contents().stream().map(NewPupilReturn::getUpn).toList()));
        return NewPupilReturnPage.newBuilder()
                .setPage(page.info())
                .addAllContents(page.contents().stream()
                        .map(r -> NewPupilReturnRules.asOf(r, today))
                        .toList())
                .build();
    }

    public NewPupilReturnRecord get(GetNewPupilReturnRequest request) {
        StoredRecord<NewPupilReturn> stored = readable(request.getId());
        CallerContext caller = CallerContexts.current();
        audit.record(
                caller,
                "read-new-pupil-return",
                "read",
                AuditSubjects.upn(stored.body().getUpn()));
        return record(stored.body(), stored.version());
    }

    public NewPupilReturnRecord submit(SubmitNewPupilReturnRequest request) {
        StoredRecord<NewPupilReturn> stored = readable(request.getId()).atVersion(request.getExpectedVersion());
        CallerContext caller = CallerContexts.current();
        NewPupilReturn submitted = NewPupilReturnRules.submitted(
                stored.body(),
                request.getDetails(),
                CityTime.today(clock),
                CityTime.timestamp(clock),
                caller.getSubject());
        long version = returns.replace(submitted, stored.version(), caller.getSubject());
        audit.record(
                caller,
                "submit-new-pupil-return",
                submitted.getLate() ? "late" : "on time",
                AuditSubjects.upn(submitted.getUpn()),
                AuditSubjects.school(submitted.getUrn()));
        return record(submitted, version);
    }

    /** A return its school or the LA may read; to anyone else it does not exist. */
    private StoredRecord<NewPupilReturn> readable(String id) {
        StoredRecord<NewPupilReturn> stored =
                returns.find(id).orElseThrow(() -> new NotFoundException("new pupil return", id));
        SchoolCases.readCaller(stored.body().getUrn(), "new pupil return", id);
        return stored;
    }

    private NewPupilReturnRecord record(NewPupilReturn stored, long version) {
        return NewPupilReturnRecord.newBuilder()
                .setNewPupilReturn(NewPupilReturnRules.asOf(stored, CityTime.today(clock)))
                .setVersion(version)
                .build();
    }
}
