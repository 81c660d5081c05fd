package uk.portsmouth.cfe.gateway.attendance;

import com.google.protobuf.Descriptors.EnumDescriptor;
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

    /**
     * {@code ?urn=} and the page; a school's MIS acting for one school lists that school's by default.
     * Each list adds its own {@code ?status=} (see {@link #status}).
     */
    static ListCaseworkRequest.Builder list(ServerRequest req, Caller caller) {
        return ListCaseworkRequest.newBuilder()
                .setUrn(caller.schoolToList(QueryParams.text(req, "urn"), LA))
                .setPage(QueryParams.page(req));
    }

    /** {@code ?status=} as the number of the list's own set's value (0: any). */
    static int status(ServerRequest req, EnumDescriptor set) {
        return QueryParams.closedSet(req, "status", set).getNumber();
    }

    static String id(ServerRequest req) {
        return req.path().pathParameters().get("id");
    }
}
