package uk.portsmouth.cfe.directory.domain;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.is;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import uk.portsmouth.cfe.platform.proto.ClosedSets;
import uk.portsmouth.cfe.proto.directory.v1.Contact;
import uk.portsmouth.cfe.proto.directory.v1.DataQualityReport;
import uk.portsmouth.cfe.proto.directory.v1.Phone;
import uk.portsmouth.cfe.proto.directory.v1.QualityCheck;
import uk.portsmouth.cfe.proto.directory.v1.QualityCheckName;
import uk.portsmouth.cfe.proto.directory.v1.Service;
import uk.portsmouth.cfe.proto.directory.v1.ServiceStatus;

class DataQualityTest {

    private static final String ORG = "11111111-1111-4111-8111-111111111111";

    private static Service.Builder complete(String id) {
        return Service.newBuilder()
                .setId(id)
                .setName("Homework club")
                .setDescription("After-school help with homework")
                .setOrganizationId(ORG)
                .setStatus(ServiceStatus.SERVICE_STATUS_ACTIVE)
                .setUrl("https://example.org")
                .addPhones(Phone.newBuilder().setNumber("023 9200 0000"));
    }

    @Test
    void aConsumerDropsAServiceWithNoWayToContactItAndFlagsOneWithoutAWebsite() {
        List<Service> services = List.of(
                complete("00000000-0000-4000-8000-000000000001").build(),
                // no phone or email anywhere: dropped
                complete("00000000-0000-4000-8000-000000000002").clearPhones().build(),
                // a contact's email is a way to contact it; no website is flagged only
                complete("00000000-0000-4000-8000-000000000003")
                        .clearPhones()
                        .clearUrl()
                        .addContacts(Contact.newBuilder().setEmail("club@example.org"))
                        .build(),
                // an organisation the directory does not hold, and not active
                complete("00000000-0000-4000-8000-000000000004")
                        .setOrganizationId("22222222-2222-4222-8222-222222222222")
                        .setStatus(ServiceStatus.SERVICE_STATUS_DEFUNCT)
                        .build());
        DataQualityReport report = DataQuality.of(services, Set.of(ORG));
        assertThat(report.getServices(), is(4));
        assertThat(report.getUsable(), is(2));
        assertThat(
                report.getServicesFailingList().stream()
                        .map(s -> s.getId().substring(35) + ":"
                                + String.join(
                                        "+",
                                        s.getFailedList().stream()
                                                .map(ClosedSets::jsonName)
                                                .toList()) + ":" + (s.getUsable() ? "usable" : "dropped"))
                        .toList(),
                contains("2:contact:dropped", "3:url:usable", "4:organization+status:dropped"));
        QualityCheck contact = report.getChecksList().stream()
                .filter(c -> c.getCheck() == QualityCheckName.QUALITY_CHECK_NAME_CONTACT)
                .findFirst()
                .orElseThrow();
        assertThat(
                contact.getPassing() + "/" + contact.getFailing() + " " + ClosedSets.jsonName(contact.getEffect()),
                is("3/1 dropped"));
    }
}
