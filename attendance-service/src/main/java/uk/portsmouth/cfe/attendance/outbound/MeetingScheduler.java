package uk.portsmouth.cfe.attendance.outbound;

import uk.portsmouth.cfe.platform.grpc.CallerContexts;
import uk.portsmouth.cfe.proto.contacts.v1.MeetingDetail;
import uk.portsmouth.cfe.proto.contacts.v1.MeetingsServiceGrpc.MeetingsServiceBlockingStub;
import uk.portsmouth.cfe.proto.contacts.v1.ScheduleSevereAbsenceMeetingRequest;

/**
 * What the attendance service asks the safeguarding-contacts service: to schedule a school's
 * Severely Absent Meeting, for the caller it serves (their signed assertion passed on), so the
 * contacts service makes its own decision about them.
 */
public final class MeetingScheduler {

    private final MeetingsServiceBlockingStub meetings;

    public MeetingScheduler(MeetingsServiceBlockingStub meetings) {
        this.meetings = meetings;
    }

    public MeetingDetail scheduleSevereAbsenceMeeting(ScheduleSevereAbsenceMeetingRequest request) {
        return CallerContexts.forwardCaller(meetings).scheduleSevereAbsenceMeeting(request);
    }
}
