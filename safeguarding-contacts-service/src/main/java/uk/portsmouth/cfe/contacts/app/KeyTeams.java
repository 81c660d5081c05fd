package uk.portsmouth.cfe.contacts.app;

import java.time.Clock;
import java.util.List;
import uk.portsmouth.cfe.contacts.domain.TeamRules;
import uk.portsmouth.cfe.contacts.store.ReferenceStore;
import uk.portsmouth.cfe.contacts.store.TeamStore;
import uk.portsmouth.cfe.platform.errors.ConflictException;
import uk.portsmouth.cfe.platform.errors.InvalidInputException;
import uk.portsmouth.cfe.platform.errors.NotFoundException;
import uk.portsmouth.cfe.platform.grpc.CallerContexts;
import uk.portsmouth.cfe.platform.mongo.RequestFingerprints;
import uk.portsmouth.cfe.platform.mongo.StoredRecord;
import uk.portsmouth.cfe.platform.paging.Page;
import uk.portsmouth.cfe.platform.paging.Paging;
import uk.portsmouth.cfe.platform.time.CityTime;
import uk.portsmouth.cfe.proto.common.v1.CallerContext;
import uk.portsmouth.cfe.proto.contacts.v1.Bulletin;
import uk.portsmouth.cfe.proto.contacts.v1.BulletinPage;
import uk.portsmouth.cfe.proto.contacts.v1.CreateTeamRequest;
import uk.portsmouth.cfe.proto.contacts.v1.GetTeamRequest;
import uk.portsmouth.cfe.proto.contacts.v1.GlossaryEntry;
import uk.portsmouth.cfe.proto.contacts.v1.GlossaryPage;
import uk.portsmouth.cfe.proto.contacts.v1.ListBulletinsRequest;
import uk.portsmouth.cfe.proto.contacts.v1.ListTeamsRequest;
import uk.portsmouth.cfe.proto.contacts.v1.SearchGlossaryRequest;
import uk.portsmouth.cfe.proto.contacts.v1.Team;
import uk.portsmouth.cfe.proto.contacts.v1.TeamPage;
import uk.portsmouth.cfe.proto.contacts.v1.TeamRecord;
import uk.portsmouth.cfe.proto.contacts.v1.UpdateTeamRequest;

/**
 * Key teams, glossary and bulletins: public reads; the LA ({@code la_officer}, {@code la_admin})
 * maintains the teams, every change attributed to the caller.
 */
public final class KeyTeams {

    private static final List<String> MAINTAINERS = CallerContexts.LA_ROLES;
    private static final String MAINTAINERS_ONLY = "Only the LA maintains the key teams";

    private final TeamStore teams;
    private final ReferenceStore reference;
    private final Clock clock;

    public KeyTeams(TeamStore teams, ReferenceStore reference, Clock clock) {
        this.teams = teams;
        this.reference = reference;
        this.clock = clock;
    }

    public TeamPage listTeams(ListTeamsRequest request) {
        Integer tier = request.hasTier() ? request.getTier() : null;
        if (tier != null && (tier < 1 || tier > 4)) {
            throw InvalidInputException.of("tier", "tier must be between 1 and 4");
        }
        Page<Team> page = teams.list(request.getText(), tier, Paging.of(request.getPage()));
        return TeamPage.newBuilder()
                .setPage(page.info())
                .addAllContents(page.contents())
                .build();
    }

    public TeamRecord getTeam(GetTeamRequest request) {
        StoredRecord<Team> stored =
                teams.find(request.getId()).orElseThrow(() -> new NotFoundException("team", request.getId()));
        return record(stored.body(), stored.version(), stored.modifiedBy());
    }

    public TeamRecord createTeam(CreateTeamRequest request) {
        CallerContext caller = CallerContexts.requireAnyRole(MAINTAINERS, MAINTAINERS_ONLY);
        TeamRules.validate(request.getTeam());
        Team team = request.getTeam().toBuilder()
                .setId(TeamRules.slug(request.getTeam().getName()))
                .setLastModified(now())
                .build();
        String fingerprint = RequestFingerprints.of(request);
        if (!teams.insert(team, caller.getSubject(), fingerprint)) {
            StoredRecord<Team> made = RequestFingerprints.madeBySameRequest(
                    fingerprint,
                    teams.requestHash(team.getId()),
                    () -> teams.find(team.getId()),
                    () -> new ConflictException(
                            "/name", "A team called " + team.getName() + " exists already (" + team.getId() + ")"));
            return record(made.body(), made.version(), made.modifiedBy());
        }
        return record(team, 1, caller.getSubject());
    }

    public TeamRecord updateTeam(UpdateTeamRequest request) {
        CallerContext caller = CallerContexts.requireAnyRole(MAINTAINERS, MAINTAINERS_ONLY);
        TeamRules.validate(request.getTeam());
        Team team = request.getTeam().toBuilder().setLastModified(now()).build();
        long version = teams.replace(team, request.getExpectedVersion(), caller.getSubject());
        return record(team, version, caller.getSubject());
    }

    public GlossaryPage searchGlossary(SearchGlossaryRequest request) {
        Page<GlossaryEntry> page = reference.searchGlossary(request.getText(), Paging.of(request.getPage()));
        return GlossaryPage.newBuilder()
                .setPage(page.info())
                .addAllContents(page.contents())
                .build();
    }

    public BulletinPage listBulletins(ListBulletinsRequest request) {
        Page<Bulletin> page = reference.listBulletins(Paging.of(request.getPage()));
        return BulletinPage.newBuilder()
                .setPage(page.info())
                .addAllContents(page.contents())
                .build();
    }

    private static TeamRecord record(Team team, long version, String modifiedBy) {
        return TeamRecord.newBuilder()
                .setTeam(team)
                .setVersion(version)
                .setModifiedBy(modifiedBy)
                .build();
    }

    private String now() {
        return CityTime.timestamp(clock);
    }
}
