package uk.portsmouth.cfe.platform.proto;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.instanceOf;
import static org.hamcrest.Matchers.is;

import com.google.protobuf.ByteString;
import com.google.protobuf.Message;
import org.junit.jupiter.api.Test;
import uk.portsmouth.cfe.proto.directory.v1.Address;
import uk.portsmouth.cfe.proto.directory.v1.Location;
import uk.portsmouth.cfe.proto.directory.v1.Organization;
import uk.portsmouth.cfe.proto.directory.v1.Service;
import uk.portsmouth.cfe.proto.directory.v1.ServiceAtLocation;
import uk.portsmouth.cfe.proto.directory.v1.ServiceStatus;

class EncodedStringsTest {

    private static final Service SERVICE = Service.newBuilder()
            .setId("svc-1")
            .setName("Café drop-in – for parents")
            .setDescription("Talking therapy, £5 a session; 子供 and families welcome")
            .setStatus(ServiceStatus.SERVICE_STATUS_ACTIVE)
            .setMinimumAge(0)
            .setOrganization(Organization.newBuilder().setId("org-1").setName("Solent NHS Trust"))
            .addServiceAtLocations(ServiceAtLocation.newBuilder()
                    .setId("sal-1")
                    .setLocation(Location.newBuilder()
                            .setName("Hilsea Family Hub")
                            .addAddresses(Address.newBuilder().setPostalCode("PO3 5EA"))))
            .build();

    @Test
    void isTheSameMessageSentAsTheSameBytes() {
        Service encoded = EncodedStrings.of(SERVICE);
        assertThat(encoded, is(SERVICE));
        assertThat(encoded.toByteString(), is(SERVICE.toByteString()));
        assertThat(encoded.hasMinimumAge(), is(true));
        assertThat(encoded.hasAssuredDate(), is(false));
    }

    /** The point of it: text at every depth is held as UTF-8, so sending it copies bytes. */
    @Test
    void holdsTextAtEveryDepthAsBytes() throws ReflectiveOperationException {
        Service encoded = EncodedStrings.of(SERVICE);
        assertThat(held(encoded, "description_"), instanceOf(ByteString.class));
        assertThat(held(encoded.getOrganization(), "name_"), instanceOf(ByteString.class));
        Location location = encoded.getServiceAtLocations(0).getLocation();
        assertThat(held(location, "name_"), instanceOf(ByteString.class));
        assertThat(held(location.getAddresses(0), "postalCode_"), instanceOf(ByteString.class));
        assertThat(held(SERVICE, "description_"), instanceOf(String.class));
    }

    private static Object held(Message message, String field) throws ReflectiveOperationException {
        var declared = message.getClass().getDeclaredField(field);
        declared.setAccessible(true);
        return declared.get(message);
    }
}
