package uk.portsmouth.cfe.platform.grpc;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import uk.portsmouth.cfe.proto.attendance.v1.AttendanceServiceGrpc;
import uk.portsmouth.cfe.proto.directory.v1.DirectoryServiceGrpc;

/** Only reads are retried on another instance; every channel balances round-robin. */
class ChannelServiceConfigTest {

    @Test
    void readsAreRetriedAndWritesAreNot() {
        assertThat(ChannelServiceConfig.isRead(AttendanceServiceGrpc.getGetPupilAttendanceMethod()), is(true));
        assertThat(ChannelServiceConfig.isRead(DirectoryServiceGrpc.getSearchServicesMethod()), is(true));
        assertThat(ChannelServiceConfig.isRead(AttendanceServiceGrpc.getSubmitMarksMethod()), is(false));
        assertThat(ChannelServiceConfig.isRead(DirectoryServiceGrpc.getCreateServiceMethod()), is(false));

        Map<String, Object> config = ChannelServiceConfig.serviceConfig();
        @SuppressWarnings("unchecked")
        Map<String, Object> methodConfig = ((List<Map<String, Object>>) config.get("methodConfig")).get(0);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> names = (List<Map<String, Object>>) methodConfig.get("name");
        assertThat(names, hasItem(Map.of("service", "cfe.attendance.v1.AttendanceService", "method", "ListPupils")));
        assertThat(
                names, not(hasItem(Map.of("service", "cfe.attendance.v1.AttendanceService", "method", "SubmitMarks"))));
        assertThat(config.get("loadBalancingConfig"), is(List.of(Map.of("round_robin", Map.of()))));
    }

    @Test
    void aListTargetNamesEveryInstance() {
        var resolver = new AddressListResolver()
                .newNameResolver(java.net.URI.create("list:///10.0.0.1:9081,10.0.0.2:9081"), null);
        assertThat(resolver.getServiceAuthority(), is("10.0.0.1:9081"));
        assertThat(
                new AddressListResolver().newNameResolver(java.net.URI.create("dns:///x:1"), null), is((Object) null));
    }
}
