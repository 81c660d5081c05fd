package uk.portsmouth.cfe.attendance.app;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import uk.portsmouth.cfe.attendance.domain.EnrolmentMarks;
import uk.portsmouth.cfe.attendance.store.AbsenceReportStore;
import uk.portsmouth.cfe.attendance.store.AttendanceStore;
import uk.portsmouth.cfe.attendance.store.CaseworkStore;
import uk.portsmouth.cfe.attendance.store.InclusionPanelStore;
import uk.portsmouth.cfe.attendance.store.NewPupilReturnStore;
import uk.portsmouth.cfe.attendance.store.PupilStore;
import uk.portsmouth.cfe.attendance.store.RollRemovalStore;
import uk.portsmouth.cfe.platform.audit.SubjectAccessGrpcService;
import uk.portsmouth.cfe.platform.audit.SubjectRecordSets;
import uk.portsmouth.cfe.proto.attendance.v1.AbsenceReportRecord;
import uk.portsmouth.cfe.proto.attendance.v1.Pupil;
import uk.portsmouth.cfe.proto.common.v1.KnownAs;
import uk.portsmouth.cfe.proto.common.v1.SubjectAccessRequest;
import uk.portsmouth.cfe.proto.common.v1.SubjectRecords;

/**
 * Everything the attendance service holds about one child, for a subject access request: the roll
 * entries at every school, every session mark with its comments and the corrections it replaced,
 * removals from the register and CME cases, legal action requests and panel referrals.
 */
public final class ChildRecords implements SubjectAccessGrpcService.Source {

    public static final String SERVICE = "attendance-service";

    private final PupilStore pupils;
    private final AttendanceStore marks;
    private final RollRemovalStore removals;
    private final NewPupilReturnStore newPupilReturns;
    private final CaseworkStore casework;
    private final InclusionPanelStore inclusionPanel;
    private final AbsenceReportStore absenceReports;

    public ChildRecords(
            PupilStore pupils,
            AttendanceStore marks,
            RollRemovalStore removals,
            NewPupilReturnStore newPupilReturns,
            CaseworkStore casework,
            InclusionPanelStore inclusionPanel,
            AbsenceReportStore absenceReports) {
        this.pupils = pupils;
        this.marks = marks;
        this.removals = removals;
        this.newPupilReturns = newPupilReturns;
        this.casework = casework;
        this.inclusionPanel = inclusionPanel;
        this.absenceReports = absenceReports;
    }

    @Override
    public SubjectRecords find(SubjectAccessRequest request) {
        SubjectRecords.Builder records = SubjectRecords.newBuilder().setService(SERVICE);
        if (request.getUpn().isEmpty()) {
            return records.build(); // the attendance service knows children by UPN only
        }
        String upn = request.getUpn();
        List<Pupil> enrolments = pupils.enrolmentsOf(upn);
        // parents' reports name the child as the parent wrote it: found by UPN, or by the roll's name and birth date
        List<AbsenceReportRecord> reports = absenceReports.about(
                upn,
                enrolments.stream()
                        .map(e -> AbsenceReportStore.childKey(e.getGivenName(), e.getFamilyName(), e.getDateOfBirth()))
                        .distinct()
                        .toList());
        return records.addUpns(upn)
                .addAllKnownAs(enrolments.stream()
                        .map(e -> KnownAs.newBuilder()
                                .setGivenName(e.getGivenName())
                                .setFamilyName(e.getFamilyName())
                                .setDateOfBirth(e.getDateOfBirth())
                                .build())
                        .distinct()
                        .toList())
                .addSets(SubjectRecordSets.of("roll_entries", "On the roll of these schools", enrolments))
                .addSets(SubjectRecordSets.ofValues(
                        "attendance_marks",
                        "Every session's attendance code, comments and the codes corrections replaced, by school and year",
                        marks.marksOf(upn).stream().map(ChildRecords::marks).toList()))
                .addSets(SubjectRecordSets.of(
                        "roll_removals", "Deletions from a school's admission register", removals.removalsOf(upn)))
                .addSets(SubjectRecordSets.of(
                        "new_pupil_returns",
                        "Returns telling the LA the child joined a school's admission register",
                        newPupilReturns.returnsOf(upn)))
                .addSets(SubjectRecordSets.of("cme_cases", "Child missing education cases", removals.casesOf(upn)))
                .addSets(SubjectRecordSets.of(
                        "legal_action_requests",
                        "Requests for legal action about attendance",
                        casework.legalActionsOf(upn)))
                .addSets(SubjectRecordSets.of(
                        "sap_referrals", "Referrals to a School Attendance Panel", casework.referralsOf(upn)))
                .addSets(SubjectRecordSets.of(
                        "isp_referrals",
                        "Referrals to the Inclusion Support Panel and its decisions",
                        inclusionPanel.referralsOf(upn)))
                .addSets(SubjectRecordSets.of(
                        "absence_reports", "Absences reported by a parent through a parents' app", reports))
                .build();
    }

    private static Map<String, ?> marks(EnrolmentMarks enrolment) {
        Map<String, Object> shown = new LinkedHashMap<>();
        shown.put("urn", enrolment.urn());
        shown.put("academic_year", enrolment.academicYear());
        shown.put("codes", enrolment.codes());
        shown.put("comments", enrolment.comments());
        shown.put(
                "corrections",
                enrolment.history().stream()
                        .map(c -> Map.of("session", c.session(), "code", c.code(), "replaced_at", c.replacedAt()))
                        .toList());
        return shown;
    }
}
