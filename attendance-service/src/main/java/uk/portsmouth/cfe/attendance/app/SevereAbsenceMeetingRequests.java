package uk.portsmouth.cfe.attendance.app;

import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import uk.portsmouth.cfe.attendance.domain.AcademicCalendar;
import uk.portsmouth.cfe.attendance.outbound.MeetingScheduler;
import uk.portsmouth.cfe.platform.audit.AuditLog;
import uk.portsmouth.cfe.platform.audit.AuditSubjects;
import uk.portsmouth.cfe.platform.errors.InvalidInputException;
import uk.portsmouth.cfe.platform.grpc.CallerContexts;
import uk.portsmouth.cfe.proto.attendance.v1.Pupil;
import uk.portsmouth.cfe.proto.attendance.v1.RequestSevereAbsenceMeetingRequest;
import uk.portsmouth.cfe.proto.attendance.v1.School;
import uk.portsmouth.cfe.proto.attendance.v1.SevereAbsenceMeetingReply;
import uk.portsmouth.cfe.proto.attendance.v1.SevereAbsentee;
import uk.portsmouth.cfe.proto.common.v1.CallerContext;
import uk.portsmouth.cfe.proto.contacts.v1.MeetingDetail;
import uk.portsmouth.cfe.proto.contacts.v1.ScheduleSevereAbsenceMeetingRequest;
import uk.portsmouth.cfe.proto.contacts.v1.SeverelyAbsentPupil;

/**
 * A school (or the LA) asks for a Severely Absent Meeting: the pupils severely absent so far this
 * academic year are counted here and the meeting is scheduled by the contacts service, asked for the
 * caller. Audited.
 */
public final class SevereAbsenceMeetingRequests {
    private static final List<String> LA = CallerContexts.LA_ROLES;
    private static final String OWN_SCHOOL_OR_LA = "Only the school itself or the LA works with a school's pupils";

    private final AcademicCalendar calendar;
    private final AttendanceReports reports;
    private final MeetingScheduler meetings;
    private final SchoolLookup register;
    private final AuditLog audit;

    public SevereAbsenceMeetingRequests(
            AcademicCalendar calendar,
            AttendanceReports reports,
            MeetingScheduler meetings,
            SchoolLookup register,
            AuditLog audit) {
        this.calendar = calendar;
        this.reports = reports;
        this.meetings = meetings;
        this.register = register;
        this.audit = audit;
    }

    public SevereAbsenceMeetingReply requestSevereAbsenceMeeting(RequestSevereAbsenceMeetingRequest request) {
        CallerContext caller = CallerContexts.requireOwnSchoolOrRole(request.getUrn(), LA, OWN_SCHOOL_OR_LA);
        School school = register.school(request.getUrn());
        LocalDateTime start;
        try {
            start = LocalDateTime.parse(request.getStart());
        } catch (DateTimeParseException e) {
            throw InvalidInputException.of("/start", "start must be a local date-time, e.g. 2027-01-20T14:00");
        }
        // the pupils severely absent so far this academic year
        List<SevereAbsentee> absentees = reports.severelyAbsentThisYear(request.getUrn());
        if (absentees.isEmpty()) {
            throw InvalidInputException.of(
                    "/urn", "The school has no severely absent pupils this year: there is nothing to meet about");
        }
        String term = request.getTerm().isEmpty()
                ? calendar.termOf(start.toLocalDate())
                        .map(AcademicCalendar.Term::name)
                        .orElse("")
                : request.getTerm();
        ScheduleSevereAbsenceMeetingRequest.Builder schedule = ScheduleSevereAbsenceMeetingRequest.newBuilder()
                .setUrn(request.getUrn())
                .setSchool(school)
                .setStart(start.toString())
                .setDurationMinutes(request.getDurationMinutes())
                .setTerm(term);
        for (SevereAbsentee absentee : absentees) {
            Pupil pupil = absentee.getPupil();
            schedule.addPupils(SeverelyAbsentPupil.newBuilder()
                    .setUpn(pupil.getUpn())
                    .setName(pupil.getGivenName() + " " + pupil.getFamilyName())
                    .setYearGroup(pupil.getYearGroup())
                    .setAttendancePercent(absentee.getMeasures().getAttendancePercent())
                    .setPossibleSessions((int) absentee.getMeasures().getPossibleSessions())
                    .setSessionsMissed((int) (absentee.getMeasures().getAuthorisedAbsence()
                            + absentee.getMeasures().getUnauthorisedAbsence())));
        }
        // asked for the caller (passed on, signed): the contacts service makes its own decision about them
        MeetingDetail meeting = meetings.scheduleSevereAbsenceMeeting(schedule.build());
        audit.record(
                caller,
                "request-severe-absence-meeting",
                meeting.getMeeting().getId(),
                AuditSubjects.with(
                        AuditSubjects.school(request.getUrn()),
                        AuditSubjects.upns(absentees.stream()
                                .map(a -> a.getPupil().getUpn())
                                .toList())));
        return SevereAbsenceMeetingReply.newBuilder()
                .setMeetingId(meeting.getMeeting().getId())
                .setPupils(absentees.size())
                .build();
    }
}
