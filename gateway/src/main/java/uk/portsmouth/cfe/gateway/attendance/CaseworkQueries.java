package uk.portsmouth.cfe.gateway.attendance;

import io.helidon.webserver.http.ServerRequest;
import java.util.Set;
import uk.portsmouth.cfe.gateway.auth.Caller;
import uk.portsmouth.cfe.gateway.http.QueryParams;
import uk.portsmouth.cfe.platform.reference.Roles;
import uk.portsmouth.cfe.proto.attendance.v1.ListCaseworkRequest;

/** What the two casework lists (penalty-notice requests, panel referrals) read from a request. */
final class CaseworkQueries {

    private static final Set<String> LA = Set.of(Roles.LA_OFFICER, Roles.LA_ADMIN);

    private CaseworkQueries() {}

    /** {@code ?urn=} and {@code ?status=}; a school's MIS acting for one school lists that school's by default. */
    static ListCaseworkRequest list(ServerRequest req, Caller caller) {
        return ListCaseworkRequest.newBuilder()
                .setUrn(caller.schoolToList(QueryParams.text(req, "urn"), LA))
                .setStatus(QueryParams.text(req, "status"))
                .setPage(QueryParams.page(req))
                .build();
    }

    static String id(ServerRequest req) {
        return req.path().pathParameters().get("id");
    }
}
