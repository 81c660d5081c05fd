package uk.portsmouth.cfe.gateway.contacts;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import uk.portsmouth.cfe.gateway.auth.Authenticator;
import uk.portsmouth.cfe.gateway.http.Json;
import uk.portsmouth.cfe.gateway.http.QueryParams;
import uk.portsmouth.cfe.proto.contacts.v1.BulletinPage;
import uk.portsmouth.cfe.proto.contacts.v1.ContactsServiceGrpc.ContactsServiceBlockingStub;
import uk.portsmouth.cfe.proto.contacts.v1.ListBulletinsRequest;

/** {@code /v1/bulletins}: the LA's bulletins to schools and partners, public. */
public final class BulletinRoutes implements HttpService {
    /** Where the gateway mounts these routes (docs/architecture.md, "Route index"). */
    public static final String PREFIX = "/v1/bulletins";

    private final ContactsServiceBlockingStub contacts;
    private final Authenticator authenticator;

    public BulletinRoutes(ContactsServiceBlockingStub contacts, Authenticator authenticator) {
        this.contacts = contacts;
        this.authenticator = authenticator;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", this::bulletins);
    }

    private void bulletins(ServerRequest req, ServerResponse res) {
        BulletinPage page = authenticator
                .on(contacts, req, authenticator.caller(req))
                .listBulletins(ListBulletinsRequest.newBuilder()
                        .setPage(QueryParams.page(req))
                        .build());
        Json.okPage(req, res, page.getPage(), page.getContentsList());
    }
}
