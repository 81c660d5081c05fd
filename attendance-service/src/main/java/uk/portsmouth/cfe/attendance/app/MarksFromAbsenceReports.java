package uk.portsmouth.cfe.attendance.app;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import uk.portsmouth.cfe.attendance.domain.AbsenceReportRules;
import uk.portsmouth.cfe.attendance.domain.AcademicCalendar;
import uk.portsmouth.cfe.attendance.store.AbsenceReportStore;
import uk.portsmouth.cfe.platform.errors.ConflictException;
import uk.portsmouth.cfe.platform.errors.InvalidInputException;
import uk.portsmouth.cfe.platform.grpc.CallerContexts;
import uk.portsmouth.cfe.platform.mongo.OptimisticWrites;
import uk.portsmouth.cfe.platform.mongo.StoredRecord;
import uk.portsmouth.cfe.platform.proto.Dates;
import uk.portsmouth.cfe.platform.time.CityTime;
import uk.portsmouth.cfe.proto.attendance.v1.AbsenceReportMarks;
import uk.portsmouth.cfe.proto.attendance.v1.AbsenceReportRecord;
import uk.portsmouth.cfe.proto.attendance.v1.AppAbsenceReport;
import uk.portsmouth.cfe.proto.attendance.v1.Mark;
import uk.portsmouth.cfe.proto.attendance.v1.Pupil;
import uk.portsmouth.cfe.proto.attendance.v1.RecordAbsenceReportMarksRequest;
import uk.portsmouth.cfe.proto.attendance.v1.RollMatch;
import uk.portsmouth.cfe.proto.attendance.v1.RollMatchStatus;
import uk.portsmouth.cfe.proto.attendance.v1.SchoolAbsenceReport;
import uk.portsmouth.cfe.proto.attendance.v1.SubmitMarksReply;
import uk.portsmouth.cfe.proto.attendance.v1.SubmitMarksRequest;

/**
 * The school (or the LA) has the platform record a report's school days up to today as illness
 * ({@code I}) or medical appointment ({@code M}) marks for the matched pupil, through the ordinary
 * marks batch (same checks, audited, a correction where a mark exists), and notes on the report
 * that they were recorded.
 */
public final class MarksFromAbsenceReports {
    /** A review racing the note that the marks were recorded: read again, a few times. */
    private static final int WRITE_ATTEMPTS = 3;

    private final AbsenceReportStore reports;
    private final SchoolAttendance attendance;
    private final AcademicCalendar calendar;
    private final AbsenceReportLookup lookup;
    private final Clock clock;

    public MarksFromAbsenceReports(
            AbsenceReportStore reports,
            SchoolAttendance attendance,
            AcademicCalendar calendar,
            AbsenceReportLookup lookup,
            Clock clock) {
        this.reports = reports;
        this.attendance = attendance;
        this.calendar = calendar;
        this.lookup = lookup;
        this.clock = clock;
    }

    /**
     * Records the report's school days up to today as illness ({@code I}) or medical appointment
     * ({@code M}) marks for the matched pupil, through the ordinary marks batch (same checks, audited,
     * a correction where a mark exists).
     */
    public AbsenceReportMarks recordMarks(RecordAbsenceReportMarksRequest request) {
        AbsenceReportLookup.requireOwnSchoolOrLa(request.getUrn());
        AppAbsenceReport report =
                lookup.atSchool(request.getUrn(), request.getId()).body().getReport();
        if (report.getStatus() == AbsenceReportRules.CANCELLED) {
            throw new ConflictException("/status", "the parent cancelled this report");
        }
        String code = switch (report.getReason()) {
            case ABSENCE_REASON_ILLNESS -> "I";
            case ABSENCE_REASON_MEDICAL_APPOINTMENT -> "M";
            default ->
                throw new ConflictException(
                        "/reason", "only illness and medical appointments have a code to record; use the register");
        };
        String upn = pupilFor(report, request.getUpn(), lookup.roll(request.getUrn()));
        LocalDate backOn = !Dates.given(report.getReturnedOn())
                ? (!Dates.given(report.getExpectedReturn()) ? null : Dates.toLocalDate(report.getExpectedReturn()))
                : Dates.toLocalDate(report.getReturnedOn());
        List<LocalDate> days = AbsenceReportRules.daysOff(
                Dates.toLocalDate(report.getFirstDay()), backOn, CityTime.today(clock), calendar);
        if (days.isEmpty()) {
            throw new ConflictException("/first_day", "no school day of this absence has begun yet");
        }
        List<Mark> marks = new ArrayList<>();
        for (LocalDate day : days) {
            for (String session : List.of("AM", "PM")) {
                marks.add(Mark.newBuilder()
                        .setUpn(upn)
                        .setDate(day.toString())
                        .setSession(session)
                        .setCode(code)
                        .setComment("absence report " + report.getId())
                        .build());
            }
        }
        SubmitMarksReply reply = attendance.submitMarks(SubmitMarksRequest.newBuilder()
                .setUrn(request.getUrn())
                .addAllMarks(marks)
                .build());
        if (!reply.getAccepted()) {
            throw new ConflictException(
                    "/marks",
                    "the register refused these marks: " + reply.getErrors(0).getReason());
        }
        SchoolAbsenceReport view = markRecorded(request.getUrn(), request.getId(), upn);
        return AbsenceReportMarks.newBuilder()
                .setReport(view)
                .setCode(code)
                .setSessions(marks.size())
                .setRecorded(reply.getRecorded())
                .setCorrected(reply.getCorrected())
                .setUnchanged(reply.getUnchanged())
                .build();
    }

    /** Notes on the report that its marks were recorded (read again: a review may have happened meanwhile). */
    private SchoolAbsenceReport markRecorded(String urn, String id, String upn) {
        return OptimisticWrites.retry(WRITE_ATTEMPTS, () -> {
            StoredRecord<AbsenceReportRecord> stored = lookup.atSchool(urn, id);
            AbsenceReportRecord record = stored.body().toBuilder()
                    .setMarksRecordedAt(CityTime.timestamp(clock))
                    .setMarksRecordedUpn(upn)
                    .build();
            long version = reports.replace(
                    record, stored.version(), CallerContexts.current().getSubject());
            return AbsenceReportLookup.schoolView(record, version, lookup.roll(urn));
        });
    }

    /** The pupil the marks are for: the one matched, or the one the school chose among those that fit. */
    private static String pupilFor(AppAbsenceReport report, String chosen, List<Pupil> roll) {
        RollMatch match = AbsenceReportRules.match(report.getChild(), roll);
        if (chosen.isEmpty()) {
            if (match.getStatus() != RollMatchStatus.ROLL_MATCH_STATUS_MATCHED) {
                throw new ConflictException(
                        "/upn",
                        match.getStatus() == RollMatchStatus.ROLL_MATCH_STATUS_AMBIGUOUS
                                ? "more than one pupil fits: say which with upn"
                                : "no pupil on the roll fits this child: record it in the register");
            }
            return match.getUpn();
        }
        boolean fits = roll.stream()
                .anyMatch(p -> p.getOnRoll()
                        && p.getUpn().equals(chosen)
                        && p.getDateOfBirth().equals(report.getChild().getDateOfBirth()));
        if (!fits) {
            throw InvalidInputException.of("/upn", "upn is not a pupil on the roll born on the reported date");
        }
        return chosen;
    }
}
