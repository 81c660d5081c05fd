package uk.portsmouth.cfe.attendance.app;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import uk.portsmouth.cfe.attendance.domain.AcademicCalendar;
import uk.portsmouth.cfe.attendance.domain.AttendanceCodes;
import uk.portsmouth.cfe.attendance.domain.InclusionPanelRules;
import uk.portsmouth.cfe.attendance.domain.MarkBatches;
import uk.portsmouth.cfe.attendance.store.InclusionPanelStore;
import uk.portsmouth.cfe.attendance.store.PupilStore;
import uk.portsmouth.cfe.platform.audit.AuditLog;
import uk.portsmouth.cfe.platform.audit.AuditSubjects;
import uk.portsmouth.cfe.platform.errors.ConflictException;
import uk.portsmouth.cfe.platform.grpc.CallerContexts;
import uk.portsmouth.cfe.platform.telemetry.Meters;
import uk.portsmouth.cfe.platform.time.CityTime;
import uk.portsmouth.cfe.proto.attendance.v1.AttendanceCode;
import uk.portsmouth.cfe.proto.attendance.v1.AttendanceCodeList;
import uk.portsmouth.cfe.proto.attendance.v1.AttendanceSummary;
import uk.portsmouth.cfe.proto.attendance.v1.GetAttendanceSummaryRequest;
import uk.portsmouth.cfe.proto.attendance.v1.GetPupilAttendanceRequest;
import uk.portsmouth.cfe.proto.attendance.v1.ListAttendanceCodesRequest;
import uk.portsmouth.cfe.proto.attendance.v1.ListSevereAbsenceRequest;
import uk.portsmouth.cfe.proto.attendance.v1.Mark;
import uk.portsmouth.cfe.proto.attendance.v1.MarkError;
import uk.portsmouth.cfe.proto.attendance.v1.Pupil;
import uk.portsmouth.cfe.proto.attendance.v1.PupilAttendance;
import uk.portsmouth.cfe.proto.attendance.v1.SevereAbsenceList;
import uk.portsmouth.cfe.proto.attendance.v1.SubmitMarksReply;
import uk.portsmouth.cfe.proto.attendance.v1.SubmitMarksRequest;
import uk.portsmouth.cfe.proto.common.v1.CallerContext;

/**
 * Marks and measures, the use cases: a school's MIS (role {@code school}) sends marks and reads
 * measures for the URNs in its token only; the LA ({@code la_officer}, {@code la_admin}) for every
 * school and the city. Every read and write of pupils' data is audited.
 */
public final class SchoolAttendance {
    private static final List<String> LA = CallerContexts.LA_ROLES;
    private static final String OWN_SCHOOL_OR_LA = "Only the school itself or the LA works with a school's pupils";
    private static final String MARKS = "cfe.attendance.marks";
    private static final String MARKS_DESCRIPTION =
            "Marks sent by schools: recorded, corrected, unchanged, or refused with their batch";

    private final PupilStore pupils;
    private final InclusionPanelStore inclusionPanel;
    private final AttendanceCodes codes;
    private final AcademicCalendar calendar;
    private final MarksIngest ingest;
    private final AttendanceReports reports;
    private final SchoolLookup register;
    private final AuditLog audit;
    private final Clock clock;

    public SchoolAttendance(
            PupilStore pupils,
            InclusionPanelStore inclusionPanel,
            AttendanceCodes codes,
            AcademicCalendar calendar,
            MarksIngest ingest,
            AttendanceReports reports,
            SchoolLookup register,
            AuditLog audit,
            Clock clock) {
        this.pupils = pupils;
        this.inclusionPanel = inclusionPanel;
        this.codes = codes;
        this.calendar = calendar;
        this.ingest = ingest;
        this.reports = reports;
        this.register = register;
        this.audit = audit;
        this.clock = clock;
    }

    public AttendanceCodeList listAttendanceCodes(ListAttendanceCodesRequest request) {
        AttendanceCodeList.Builder list = AttendanceCodeList.newBuilder();
        codes.all()
                .forEach(c -> list.addCodes(AttendanceCode.newBuilder()
                        .setCode(c.code())
                        .setMeaning(c.meaning())
                        .setCategory(c.category())
                        .setPossibleSession(c.possibleSession())));
        codes.retired()
                .forEach((code, meaning) -> list.addRetired(
                        AttendanceCode.newBuilder().setCode(code).setMeaning(meaning)));
        return list.build();
    }

    // --- marks ----------------------------------------------------------------------------------

    public SubmitMarksReply submitMarks(SubmitMarksRequest request) {
        CallerContext caller = CallerContexts.requireOwnSchoolOrRole(request.getUrn(), LA, OWN_SCHOOL_OR_LA);
        register.requireSchool(request.getUrn());
        List<Mark> sent = request.getMarksList();
        // pupils the Inclusion Support Panel dual-registered: their sessions at the other setting are D here
        List<InclusionPanelRules.Arrangement> dualRegistered = inclusionPanel.dualRegistrationsAt(request.getUrn());
        Map<String, Pupil> onRoll = pupils.onRoll(
                request.getUrn(),
                Stream.concat(
                                sent.stream().map(Mark::getUpn),
                                dualRegistered.stream().map(InclusionPanelRules.Arrangement::upn))
                        .distinct()
                        .toList());
        List<MarkError> errors = new ArrayList<>(MarkBatches.check(sent, onRoll.keySet(), codes, calendar, today()));
        errors.addAll(InclusionPanelRules.contradictions(sent, dualRegistered));
        List<Mark> atOtherSettings = errors.isEmpty()
                ? InclusionPanelRules.sessionsAtOtherSettings(sent, dualRegistered, onRoll.keySet())
                : List.of();
        List<Mark> batch =
                Stream.concat(sent.stream(), atOtherSettings.stream()).toList();
        if (!errors.isEmpty()) {
            Meters.count(MARKS, MARKS_DESCRIPTION, batch.size(), "outcome", "refused");
            audit.record(
                    caller,
                    "submit-marks",
                    "rejected: " + errors.size() + " bad marks",
                    AuditSubjects.school(request.getUrn()));
            return SubmitMarksReply.newBuilder()
                    .setAccepted(false)
                    .addAllErrors(errors)
                    .build();
        }
        MarksIngest.Outcome written = ingest.write(request.getUrn(), batch, onRoll);
        if (!written.pupilsNotWritten().isEmpty()) {
            // only another instance of this service writing the same pupils at once gets here
            String pupilsLeft = String.join(", ", written.pupilsNotWritten());
            audit.record(
                    caller,
                    "submit-marks",
                    "partly written: not " + pupilsLeft,
                    AuditSubjects.school(request.getUrn()));
            throw new ConflictException(
                    "/marks",
                    "Other batches kept changing these pupils' marks, whose marks were not written: " + pupilsLeft
                            + ". Every other pupil's marks were. Send the batch again: "
                            + "marks already held are unchanged");
        }
        int[] counts = {written.recorded(), written.corrected(), written.unchanged()};
        Meters.count(MARKS, MARKS_DESCRIPTION, counts[0], "outcome", "recorded");
        Meters.count(MARKS, MARKS_DESCRIPTION, counts[1], "outcome", "corrected");
        Meters.count(MARKS, MARKS_DESCRIPTION, counts[2], "outcome", "unchanged");
        audit.record(
                caller,
                "submit-marks",
                "recorded " + counts[0] + ", corrected " + counts[1] + ", unchanged " + counts[2],
                AuditSubjects.with(
                        AuditSubjects.school(request.getUrn()),
                        AuditSubjects.upns(
                                batch.stream().map(m -> m.getUpn()).distinct().toList())));
        return SubmitMarksReply.newBuilder()
                .setAccepted(true)
                .setRecorded(counts[0])
                .setCorrected(counts[1])
                .setUnchanged(counts[2])
                .setDualRegistrationSessions(atOtherSettings.size())
                .build();
    }

    // --- measures -------------------------------------------------------------------------------

    public PupilAttendance getPupilAttendance(GetPupilAttendanceRequest request) {
        CallerContext caller = CallerContexts.requireOwnSchoolOrRole(request.getUrn(), LA, OWN_SCHOOL_OR_LA);
        PupilAttendance attendance = reports.pupilAttendance(request.getUrn(), request.getUpn(), request.getRange());
        audit.record(
                caller,
                "read-pupil-attendance",
                "read",
                AuditSubjects.school(request.getUrn()),
                AuditSubjects.upn(request.getUpn()));
        return attendance;
    }

    public AttendanceSummary getAttendanceSummary(GetAttendanceSummaryRequest request) {
        CallerContext caller = request.getUrn().isEmpty()
                ? CallerContexts.requireAnyRole(LA, "Only the LA reads the city's attendance")
                : CallerContexts.requireOwnSchoolOrRole(request.getUrn(), LA, OWN_SCHOOL_OR_LA);
        String urn = request.getUrn().isEmpty() ? null : request.getUrn();
        if (urn != null) {
            register.requireSchool(urn);
        }
        reports.checkRange(request.getRange());
        // the event is written while the summary is read (its figures' versions, the city's localities)
        return audit.recordAlongside(
                caller,
                "read-attendance-summary",
                "read",
                AuditSubjects.school(urn == null ? "city" : urn),
                () -> reports.summary(urn, request.getRange()));
    }

    public SevereAbsenceList listSevereAbsence(ListSevereAbsenceRequest request) {
        CallerContext caller = CallerContexts.requireOwnSchoolOrRole(request.getUrn(), LA, OWN_SCHOOL_OR_LA);
        register.requireSchool(request.getUrn());
        SevereAbsenceList absentees = reports.severeAbsence(request.getUrn(), request.getRange());
        audit.record(
                caller,
                "list-severe-absence",
                absentees.getPupilsCount() + " pupils",
                AuditSubjects.with(
                        AuditSubjects.school(request.getUrn()),
                        AuditSubjects.upns(absentees.getPupilsList().stream()
                                .map(a -> a.getPupil().getUpn())
                                .toList())));
        return absentees;
    }

    private LocalDate today() {
        return CityTime.today(clock);
    }
}
