package uk.portsmouth.cfe.gateway.contacts;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import uk.portsmouth.cfe.gateway.auth.Authenticator;
import uk.portsmouth.cfe.gateway.http.Json;
import uk.portsmouth.cfe.gateway.http.QueryParams;
import uk.portsmouth.cfe.proto.contacts.v1.ContactsServiceGrpc.ContactsServiceBlockingStub;
import uk.portsmouth.cfe.proto.contacts.v1.GlossaryPage;
import uk.portsmouth.cfe.proto.contacts.v1.SearchGlossaryRequest;

/** {@code /v1/glossary}: the guide's glossary of terms, public. */
public final class GlossaryRoutes implements HttpService {
    /** Where the gateway mounts these routes (docs/architecture.md, "Route index"). */
    public static final String PREFIX = "/v1/glossary";

    private final ContactsServiceBlockingStub contacts;
    private final Authenticator authenticator;

    public GlossaryRoutes(ContactsServiceBlockingStub contacts, Authenticator authenticator) {
        this.contacts = contacts;
        this.authenticator = authenticator;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", this::glossary);
    }

    private void glossary(ServerRequest req, ServerResponse res) {
        GlossaryPage page = authenticator
                .on(contacts, req, authenticator.caller(req))
                .searchGlossary(SearchGlossaryRequest.newBuilder()
                        .setText(QueryParams.text(req, "search"))
                        .setPage(QueryParams.page(req))
                        .build());
        Json.okPage(req, res, page.getPage(), page.getContentsList());
    }
}
