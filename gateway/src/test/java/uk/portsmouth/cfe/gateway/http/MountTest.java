package uk.portsmouth.cfe.gateway.http;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The order mounts are tried in: a URL always reaches its longest prefix, the plain leaves first. */
class MountTest {

    /** Each mount needs a class of its own; the order never looks at the routes. */
    private static Mount mount(String prefix) {
        HttpService routes = new HttpService() {
            @Override
            public void routing(HttpRules rules) {}
        };
        return new Mount(prefix, routes);
    }

    private static List<String> order(String... prefixes) {
        List<Mount> mounts = new ArrayList<>();
        for (String prefix : prefixes) {
            mounts.add(mount(prefix));
        }
        return Mount.inTriedOrder(mounts).stream().map(Mount::prefix).toList();
    }

    @Test
    void plainPrefixesNoOtherExtendsComeFirstThenTheLongestFirst() {
        assertThat(
                order(
                        "/v1/schools",
                        "/v1/schools/{urn}/pupils",
                        "/v1/schools/{urn}/pupils/{upn}/overview",
                        "/v1/directory",
                        "/v1/fsps/{id}/team",
                        "/v1/fsps",
                        "/v1/attendance",
                        "/v1/attendance/illness",
                        "/oruk"),
                is(List.of(
                        "/v1/attendance/illness",
                        "/v1/directory",
                        "/oruk",
                        "/v1/schools/{urn}/pupils/{upn}/overview",
                        "/v1/fsps/{id}/team",
                        "/v1/schools/{urn}/pupils",
                        "/v1/attendance",
                        "/v1/fsps",
                        "/v1/schools")));
    }

    @Test
    void aPlainPrefixThatAParameterCouldExtendKeepsItsPlace() {
        // /v1/{area}/reports could serve /v1/directory/reports: /v1/directory must not be tried before it
        assertThat(
                order("/v1/directory", "/v1/{area}/reports", "/oruk"),
                is(List.of("/oruk", "/v1/{area}/reports", "/v1/directory")));
    }

    @Test
    void everyPrefixIsTriedBeforeEveryShorterOneThatCouldServeItsUrls() {
        List<String> order = order(
                "/v1/schools",
                "/v1/schools/{urn}/attendance",
                "/v1/schools/{urn}/pupils",
                "/v1/schools/{urn}/pupils/{upn}/overview",
                "/v1/attendance",
                "/v1/attendance/cme-cases",
                "/v1/directory",
                "/docs");
        for (String longer : order) {
            for (String shorter : order) {
                if (longer.length() > shorter.length() && longer.startsWith(shorter + "/")) {
                    assertThat(longer + " before " + shorter, order.indexOf(longer) < order.indexOf(shorter), is(true));
                }
            }
        }
    }
}
