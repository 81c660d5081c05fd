package uk.portsmouth.cfe.contacts.app;

import java.util.List;
import java.util.Map;
import uk.portsmouth.cfe.contacts.store.MeetingRecordStore;
import uk.portsmouth.cfe.contacts.store.RegistrationStore;
import uk.portsmouth.cfe.platform.audit.SubjectAccessGrpcService;
import uk.portsmouth.cfe.platform.audit.SubjectRecordSets;
import uk.portsmouth.cfe.proto.common.v1.KnownAs;
import uk.portsmouth.cfe.proto.common.v1.SignedInPerson;
import uk.portsmouth.cfe.proto.common.v1.SubjectAccessRequest;
import uk.portsmouth.cfe.proto.common.v1.SubjectRecords;

/**
 * Subject access to meetings. For a child: the Severely Absent Meetings they were discussed at,
 * with what the meeting was told about them (and nothing about the other children discussed);
 * asked by name, the MET slots booked to discuss the child (a booking names the child and birth
 * date as the worker wrote them, no UPN). For a person who signs in: their registrations for
 * meetings (name, email, organisation) and the MET slots they booked.
 */
public final class PeopleInMeetings implements SubjectAccessGrpcService.Source {

    private static final String SERVICE = "safeguarding-contacts-service";

    private final MeetingRecordStore records;
    private final RegistrationStore registrations;

    public PeopleInMeetings(MeetingRecordStore records, RegistrationStore registrations) {
        this.records = records;
        this.registrations = registrations;
    }

    @Override
    public SubjectRecords findSignedIn(SignedInPerson person) {
        return SubjectRecords.newBuilder()
                .setService(SERVICE)
                .addSets(SubjectRecordSets.of(
                        "meeting_registrations",
                        "Places and waiting-list entries the person took at meetings, with the name, email and"
                                + " organisation they gave",
                        registrations.byPerson(person.getIssuer(), person.getSubject())))
                .addSets(SubjectRecordSets.of(
                        "met_slots_booked",
                        "MET meeting slots the person booked, with the child and concern they wrote",
                        records.slotsBookedBy(person.getIssuer(), person.getSubject())))
                .build();
    }

    @Override
    public SubjectRecords find(SubjectAccessRequest request) {
        SubjectRecords.Builder found = SubjectRecords.newBuilder().setService(SERVICE);
        if (request.getUpn().isEmpty()) {
            return request.getPersonId().isEmpty() ? slotsNaming(request.getKnownAsList(), found) : found.build();
        }
        return found.addUpns(request.getUpn())
                .addSets(SubjectRecordSets.ofValues(
                        "severe_absence_meetings",
                        "Severely Absent Meetings the child was discussed at",
                        records.meetingsAbout(request.getUpn()).entrySet().stream()
                                .<Map<String, ?>>map(e -> Map.of(
                                        "meeting_id",
                                        e.getKey(),
                                        "year_group",
                                        e.getValue().getYearGroup(),
                                        "attendance_percent",
                                        e.getValue().getAttendancePercent(),
                                        "sessions_missed",
                                        e.getValue().getSessionsMissed(),
                                        "name",
                                        e.getValue().getName()))
                                .toList()))
                .build();
    }

    private SubjectRecords slotsNaming(List<KnownAs> children, SubjectRecords.Builder found) {
        return found.addSets(SubjectRecordSets.ofValues(
                        "met_slots",
                        "MET meeting slots booked to discuss the child (matched by the name and birth date written in"
                                + " the booking)",
                        records.slotsNaming(children).stream()
                                .<Map<String, ?>>map(slot -> Map.of(
                                        "meeting_id", slot.getMeetingId(),
                                        "start", slot.getStart(),
                                        "child_name", slot.getChildName(),
                                        "child_date_of_birth", slot.getChildDateOfBirth(),
                                        "concern", slot.getConcern(),
                                        "worker_name", slot.getWorkerName(),
                                        "booked_by_la", slot.getBookedByLa()))
                                .toList()))
                .build();
    }
}
