package uk.portsmouth.cfe.contacts.grpc;

import static uk.portsmouth.cfe.platform.grpc.UnaryReplies.reply;

import io.grpc.stub.StreamObserver;
import uk.portsmouth.cfe.contacts.app.ContactsTracker;
import uk.portsmouth.cfe.proto.contacts.v1.GetSchoolContactsRequest;
import uk.portsmouth.cfe.proto.contacts.v1.ListNamedContactsRequest;
import uk.portsmouth.cfe.proto.contacts.v1.NamedContactPage;
import uk.portsmouth.cfe.proto.contacts.v1.SchoolContactsRecord;
import uk.portsmouth.cfe.proto.contacts.v1.SchoolContactsServiceGrpc;
import uk.portsmouth.cfe.proto.contacts.v1.UpdateSchoolContactsRequest;

/** The gRPC face of {@link ContactsTracker}: each call goes to its use case and back, nothing more. */
public final class SchoolContactsGrpcService extends SchoolContactsServiceGrpc.SchoolContactsServiceImplBase {

    private final ContactsTracker tracker;

    public SchoolContactsGrpcService(ContactsTracker tracker) {
        this.tracker = tracker;
    }

    @Override
    public void getSchoolContacts(GetSchoolContactsRequest request, StreamObserver<SchoolContactsRecord> response) {
        reply(response, tracker.getSchoolContacts(request));
    }

    @Override
    public void updateSchoolContacts(
            UpdateSchoolContactsRequest request, StreamObserver<SchoolContactsRecord> response) {
        reply(response, tracker.updateSchoolContacts(request));
    }

    @Override
    public void listNamedContacts(ListNamedContactsRequest request, StreamObserver<NamedContactPage> response) {
        reply(response, tracker.listNamedContacts(request));
    }
}
