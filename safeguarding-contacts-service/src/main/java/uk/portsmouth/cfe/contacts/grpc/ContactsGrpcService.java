package uk.portsmouth.cfe.contacts.grpc;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import io.grpc.stub.StreamObserver;
import uk.portsmouth.cfe.contacts.domain.MeetingSchedule;
import uk.portsmouth.cfe.contacts.domain.Registrations;
import uk.portsmouth.cfe.contacts.domain.TeamRules;
import uk.portsmouth.cfe.contacts.store.MeetingStore;
import uk.portsmouth.cfe.contacts.store.ReferenceStore;
import uk.portsmouth.cfe.contacts.store.RegistrationStore;
import uk.portsmouth.cfe.contacts.store.TeamStore;
import uk.portsmouth.cfe.platform.audit.AuditLog;
import uk.portsmouth.cfe.platform.errors.ConflictException;
import uk.portsmouth.cfe.platform.errors.ForbiddenException;
import uk.portsmouth.cfe.platform.errors.InvalidInputException;
import uk.portsmouth.cfe.platform.errors.NotFoundException;
import uk.portsmouth.cfe.platform.grpc.CallerContexts;
import uk.portsmouth.cfe.platform.mongo.StoredRecord;
import uk.portsmouth.cfe.platform.paging.Page;
import uk.portsmouth.cfe.platform.paging.Paging;
import uk.portsmouth.cfe.proto.common.v1.CallerContext;
import uk.portsmouth.cfe.proto.contacts.v1.Bulletin;
import uk.portsmouth.cfe.proto.contacts.v1.BulletinPage;
import uk.portsmouth.cfe.proto.contacts.v1.ContactsServiceGrpc;
import uk.portsmouth.cfe.proto.contacts.v1.CreateTeamRequest;
import uk.portsmouth.cfe.proto.contacts.v1.GetMeetingSeriesRequest;
import uk.portsmouth.cfe.proto.contacts.v1.GetTeamRequest;
import uk.portsmouth.cfe.proto.contacts.v1.GlossaryEntry;
import uk.portsmouth.cfe.proto.contacts.v1.GlossaryPage;
import uk.portsmouth.cfe.proto.contacts.v1.ListBulletinsRequest;
import uk.portsmouth.cfe.proto.contacts.v1.ListMeetingSeriesRequest;
import uk.portsmouth.cfe.proto.contacts.v1.ListMeetingsRequest;
import uk.portsmouth.cfe.proto.contacts.v1.ListRegistrationsRequest;
import uk.portsmouth.cfe.proto.contacts.v1.ListTeamsRequest;
import uk.portsmouth.cfe.proto.contacts.v1.Meeting;
import uk.portsmouth.cfe.proto.contacts.v1.MeetingPage;
import uk.portsmouth.cfe.proto.contacts.v1.MeetingSeries;
import uk.portsmouth.cfe.proto.contacts.v1.MeetingSeriesPage;
import uk.portsmouth.cfe.proto.contacts.v1.RegisterRequest;
import uk.portsmouth.cfe.proto.contacts.v1.Registration;
import uk.portsmouth.cfe.proto.contacts.v1.RegistrationList;
import uk.portsmouth.cfe.proto.contacts.v1.SearchGlossaryRequest;
import uk.portsmouth.cfe.proto.contacts.v1.Team;
import uk.portsmouth.cfe.proto.contacts.v1.TeamPage;
import uk.portsmouth.cfe.proto.contacts.v1.TeamRecord;
import uk.portsmouth.cfe.proto.contacts.v1.UpdateTeamRequest;

import static uk.portsmouth.cfe.platform.grpc.UnaryReplies.reply;

/**
 * Key teams, glossary, bulletins and multi-agency meetings: public reads; the LA
 * ({@code la_officer}, {@code la_admin}) maintains the teams (every change attributed to the caller)
 * and alone sees restricted meetings (MARAC, MET child-focused).
 */
public final class ContactsGrpcService extends ContactsServiceGrpc.ContactsServiceImplBase {

    private static final List<String> MAINTAINERS = List.of("la_officer", "la_admin");
    private static final String MAINTAINERS_ONLY = "Only the LA maintains the key teams";

    private final TeamStore teams;
    private final ReferenceStore reference;
    private final MeetingStore meetings;
    private final RegistrationStore registrations;
    private final AuditLog audit;
    private final Clock clock;

    public ContactsGrpcService(TeamStore teams, ReferenceStore reference, MeetingStore meetings,
                               RegistrationStore registrations, AuditLog audit, Clock clock) {
        this.teams = teams;
        this.reference = reference;
        this.meetings = meetings;
        this.registrations = registrations;
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    public void listTeams(ListTeamsRequest request, StreamObserver<TeamPage> response) {
        Integer tier = request.hasTier() ? request.getTier() : null;
        if (tier != null && (tier < 1 || tier > 4)) {
            throw InvalidInputException.of("tier", "tier must be between 1 and 4");
        }
        Page<Team> page = teams.list(request.getText(), tier, Paging.of(request.getPage()));
        reply(response, TeamPage.newBuilder().setPage(page.info()).addAllContents(page.contents()).build());
    }

    @Override
    public void getTeam(GetTeamRequest request, StreamObserver<TeamRecord> response) {
        StoredRecord<Team> stored = teams.find(request.getId())
                .orElseThrow(() -> new NotFoundException("team", request.getId()));
        reply(response, record(stored.body(), stored.version(), stored.modifiedBy()));
    }

    @Override
    public void createTeam(CreateTeamRequest request, StreamObserver<TeamRecord> response) {
        CallerContext caller = CallerContexts.requireAnyRole(MAINTAINERS, MAINTAINERS_ONLY);
        TeamRules.validate(request.getTeam());
        Team team = request.getTeam().toBuilder()
                .setId(TeamRules.slug(request.getTeam().getName()))
                .setLastModified(now())
                .build();
        if (!teams.insert(team, caller.getSubject())) {
            throw new ConflictException("/name", "A team called " + team.getName() + " exists already (" + team.getId() + ")");
        }
        reply(response, record(team, 1, caller.getSubject()));
    }

    @Override
    public void updateTeam(UpdateTeamRequest request, StreamObserver<TeamRecord> response) {
        CallerContext caller = CallerContexts.requireAnyRole(MAINTAINERS, MAINTAINERS_ONLY);
        TeamRules.validate(request.getTeam());
        Team team = request.getTeam().toBuilder().setLastModified(now()).build();
        long version = teams.replace(team, request.getExpectedVersion(), caller.getSubject());
        reply(response, record(team, version, caller.getSubject()));
    }

    @Override
    public void searchGlossary(SearchGlossaryRequest request, StreamObserver<GlossaryPage> response) {
        Page<GlossaryEntry> page = reference.searchGlossary(request.getText(), Paging.of(request.getPage()));
        reply(response, GlossaryPage.newBuilder().setPage(page.info()).addAllContents(page.contents()).build());
    }

    @Override
    public void listBulletins(ListBulletinsRequest request, StreamObserver<BulletinPage> response) {
        Page<Bulletin> page = reference.listBulletins(Paging.of(request.getPage()));
        reply(response, BulletinPage.newBuilder().setPage(page.info()).addAllContents(page.contents()).build());
    }


    @Override
    public void listMeetingSeries(ListMeetingSeriesRequest request, StreamObserver<MeetingSeriesPage> response) {
        Paging paging = Paging.of(request.getPage());
        List<MeetingSeries> visible = visibleSeries(locality(request.getLocality()));
        List<MeetingSeries> page = paging.slice(visible);
        reply(response, MeetingSeriesPage.newBuilder().setPage(paging.info(visible.size(), page.size()))
                .addAllContents(page).build());
    }

    @Override
    public void getMeetingSeries(GetMeetingSeriesRequest request, StreamObserver<MeetingSeries> response) {
        reply(response, meetings.find(request.getId())
                .filter(series -> mayKnow(series, CallerContexts.current()))
                .orElseThrow(() -> new NotFoundException("meeting series", request.getId())));
    }

    @Override
    public void listMeetings(ListMeetingsRequest request, StreamObserver<MeetingPage> response) {
        Paging paging = Paging.of(request.getPage());
        LocalDate from = date(request.getFrom(), "from", LocalDate.now(clock.withZone(MeetingSchedule.PORTSMOUTH)));
        LocalDate to = date(request.getTo(), "to", from.plusDays(90));
        if (to.isBefore(from) || ChronoUnit.DAYS.between(from, to) > MeetingSchedule.MAX_DAYS) {
            throw InvalidInputException.of("to", "to must be on or after from, at most " + MeetingSchedule.MAX_DAYS + " days later");
        }
        List<MeetingSeries> series = visibleSeries(locality(request.getLocality())).stream()
                .filter(s -> request.getSeriesId().isEmpty() || s.getId().equals(request.getSeriesId()))
                .toList();
        if (!request.getSeriesId().isEmpty() && series.isEmpty()) {
            throw new NotFoundException("meeting series", request.getSeriesId());
        }
        List<Meeting> all = series.stream()
                .flatMap(s -> MeetingSchedule.occurrences(s, from, to).stream())
                .sorted(Comparator.comparing((Meeting m) -> OffsetDateTime.parse(m.getStart())).thenComparing(Meeting::getName))
                .toList();
        List<Meeting> page = paging.slice(all);
        reply(response, MeetingPage.newBuilder().setPage(paging.info(all.size(), page.size())).addAllContents(page).build());
    }

    @Override
    public void register(RegisterRequest request, StreamObserver<Registration> response) {
        CallerContext caller = CallerContexts.current();
        if (caller.getRolesList().isEmpty()) {
            throw new ForbiddenException("Sign in to register for a meeting");
        }
        MeetingSeries series = meetingSeries(request.getMeetingId(), caller);
        Registrations.validate(request);
        java.time.LocalDateTime start = java.time.LocalDateTime.parse(request.getMeetingId().substring(request.getMeetingId().indexOf('@') + 1));
        if (start.atZone(MeetingSchedule.PORTSMOUTH).toInstant().isBefore(clock.instant())) {
            throw InvalidInputException.of("/meeting_id", "This meeting has already taken place");
        }
        Registration registration = Registration.newBuilder()
                .setMeetingId(request.getMeetingId())
                .setSubject(caller.getSubject())
                .setName(request.getName().strip())
                .setEmail(request.getEmail().strip())
                .setOrganisation(request.getOrganisation().strip())
                .setRegisteredAt(now())
                .build();
        Optional<Registration> result = registrations.register(request.getMeetingId(), series.getCapacity(), registration);
        audit.record(caller, "register", request.getMeetingId(), result.map(Registration::getStatus).orElse("already-registered"));
        reply(response, result.orElseThrow(() -> new ConflictException("/meeting_id",
                "You are already registered or on the waiting list for this meeting")));
    }

    @Override
    public void listRegistrations(ListRegistrationsRequest request, StreamObserver<RegistrationList> response) {
        CallerContext caller = CallerContexts.requireAnyRole(MAINTAINERS, "Only the LA sees who is registered");
        MeetingSeries series = meetingSeries(request.getMeetingId(), caller);
        RegistrationStore.Places places = registrations.list(request.getMeetingId());
        audit.record(caller, "list-registrations", request.getMeetingId(), "read");
        reply(response, RegistrationList.newBuilder()
                .setMeetingId(request.getMeetingId())
                .setCapacity(series.getCapacity())
                .addAllRegistered(places.registered())
                .addAllWaiting(places.waiting())
                .build());
    }

    /** The series of a real, visible meeting "<series>@<local start>"; not found otherwise. */
    private MeetingSeries meetingSeries(String meetingId, CallerContext caller) {
        int at = meetingId.indexOf('@');
        Optional<MeetingSeries> series = at <= 0 ? Optional.empty()
                : meetings.find(meetingId.substring(0, at)).filter(s -> mayKnow(s, caller));
        try {
            LocalDate day = at <= 0 ? null : java.time.LocalDateTime.parse(meetingId.substring(at + 1)).toLocalDate();
            return series.filter(s -> MeetingSchedule.occurrences(s, day, day).stream()
                            .anyMatch(m -> m.getId().equals(meetingId)))
                    .orElseThrow(() -> new NotFoundException("meeting", meetingId));
        } catch (DateTimeParseException e) {
            throw new NotFoundException("meeting", meetingId);
        }
    }

    /** Series the caller may know exist, in the locality asked for (city-wide ones always). */
    private List<MeetingSeries> visibleSeries(String locality) {
        CallerContext caller = CallerContexts.current();
        return meetings.all().stream()
                .filter(s -> mayKnow(s, caller))
                .filter(s -> locality.isEmpty() || s.getLocality().equals(locality) || s.getLocality().equals("city-wide"))
                .toList();
    }

    /** Restricted series (child-level detail) exist only for the LA. */
    private static boolean mayKnow(MeetingSeries series, CallerContext caller) {
        return !series.getRestricted() || caller.getRolesList().stream().anyMatch(MAINTAINERS::contains);
    }

    private static String locality(String locality) {
        if (!locality.isEmpty() && !TeamRules.LOCALITIES.contains(locality)) {
            throw InvalidInputException.of("locality", "locality must be north, central or south");
        }
        return locality;
    }

    private static LocalDate date(String value, String field, LocalDate otherwise) {
        if (value.isEmpty()) {
            return otherwise;
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw InvalidInputException.of(field, field + " must be a date, e.g. 2026-11-28");
        }
    }

    private static TeamRecord record(Team team, long version, String modifiedBy) {
        return TeamRecord.newBuilder().setTeam(team).setVersion(version).setModifiedBy(modifiedBy).build();
    }

    private String now() {
        return Instant.now(clock).truncatedTo(ChronoUnit.MILLIS).toString();
    }

}
