package uk.portsmouth.cfe.contacts.grpc;

import static uk.portsmouth.cfe.platform.grpc.UnaryReplies.reply;

import io.grpc.stub.StreamObserver;
import uk.portsmouth.cfe.contacts.app.KeyTeams;
import uk.portsmouth.cfe.proto.contacts.v1.BulletinPage;
import uk.portsmouth.cfe.proto.contacts.v1.ContactsServiceGrpc;
import uk.portsmouth.cfe.proto.contacts.v1.CreateTeamRequest;
import uk.portsmouth.cfe.proto.contacts.v1.GetTeamRequest;
import uk.portsmouth.cfe.proto.contacts.v1.GlossaryPage;
import uk.portsmouth.cfe.proto.contacts.v1.ListBulletinsRequest;
import uk.portsmouth.cfe.proto.contacts.v1.ListTeamsRequest;
import uk.portsmouth.cfe.proto.contacts.v1.SearchGlossaryRequest;
import uk.portsmouth.cfe.proto.contacts.v1.TeamPage;
import uk.portsmouth.cfe.proto.contacts.v1.TeamRecord;
import uk.portsmouth.cfe.proto.contacts.v1.UpdateTeamRequest;

/** The gRPC face of {@link KeyTeams}: each call goes to its use case and back, nothing more. */
public final class ContactsGrpcService extends ContactsServiceGrpc.ContactsServiceImplBase {

    private final KeyTeams keyTeams;

    public ContactsGrpcService(KeyTeams keyTeams) {
        this.keyTeams = keyTeams;
    }

    @Override
    public void listTeams(ListTeamsRequest request, StreamObserver<TeamPage> response) {
        reply(response, keyTeams.listTeams(request));
    }

    @Override
    public void getTeam(GetTeamRequest request, StreamObserver<TeamRecord> response) {
        reply(response, keyTeams.getTeam(request));
    }

    @Override
    public void createTeam(CreateTeamRequest request, StreamObserver<TeamRecord> response) {
        reply(response, keyTeams.createTeam(request));
    }

    @Override
    public void updateTeam(UpdateTeamRequest request, StreamObserver<TeamRecord> response) {
        reply(response, keyTeams.updateTeam(request));
    }

    @Override
    public void searchGlossary(SearchGlossaryRequest request, StreamObserver<GlossaryPage> response) {
        reply(response, keyTeams.searchGlossary(request));
    }

    @Override
    public void listBulletins(ListBulletinsRequest request, StreamObserver<BulletinPage> response) {
        reply(response, keyTeams.listBulletins(request));
    }
}
