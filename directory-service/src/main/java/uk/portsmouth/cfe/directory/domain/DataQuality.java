package uk.portsmouth.cfe.directory.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.BiPredicate;
import uk.portsmouth.cfe.proto.directory.v1.Contact;
import uk.portsmouth.cfe.proto.directory.v1.DataQualityReport;
import uk.portsmouth.cfe.proto.directory.v1.QualityCheck;
import uk.portsmouth.cfe.proto.directory.v1.QualityCheckName;
import uk.portsmouth.cfe.proto.directory.v1.QualityEffect;
import uk.portsmouth.cfe.proto.directory.v1.Service;
import uk.portsmouth.cfe.proto.directory.v1.ServiceQuality;
import uk.portsmouth.cfe.proto.directory.v1.ServiceStatus;

/**
 * What a feed consumer checks a service for before it shows it (docs/domain-reference.md 5: the ORUK
 * 3.0 schema's required fields and the DfE's service-finder import): a check that fails "drops" the
 * service (the consumer leaves it out) or "flags" it (shown as incomplete). A service is usable when
 * no dropping check fails.
 */
public final class DataQuality {

    private static final QualityEffect DROPPED = QualityEffect.QUALITY_EFFECT_DROPPED;
    private static final QualityEffect FLAGGED = QualityEffect.QUALITY_EFFECT_FLAGGED;

    /** One check: its name, what it asks, its effect, and the test (the service, whether its organisation exists). */
    record Check(
            QualityCheckName name, String description, QualityEffect effect, BiPredicate<Service, Boolean> passes) {}

    static final List<Check> CHECKS = List.of(
            new Check(
                    QualityCheckName.QUALITY_CHECK_NAME_ID,
                    "a UUID id (ORUK 3.0)",
                    DROPPED,
                    (s, org) -> Ids.isUuid(s.getId())),
            new Check(
                    QualityCheckName.QUALITY_CHECK_NAME_NAME,
                    "a name",
                    DROPPED,
                    (s, org) -> !s.getName().isBlank()),
            new Check(
                    QualityCheckName.QUALITY_CHECK_NAME_DESCRIPTION,
                    "a description of what the service offers",
                    DROPPED,
                    (s, org) -> !s.getDescription().isBlank()),
            new Check(
                    QualityCheckName.QUALITY_CHECK_NAME_ORGANIZATION,
                    "an organisation that runs it, in the directory",
                    DROPPED,
                    (s, org) -> !s.getOrganizationId().isBlank() && org),
            new Check(
                    QualityCheckName.QUALITY_CHECK_NAME_CONTACT,
                    "a way to contact it: a phone or an email on the service or one of its contacts",
                    DROPPED,
                    (s, org) -> hasContactRoute(s)),
            new Check(
                    QualityCheckName.QUALITY_CHECK_NAME_STATUS,
                    "status active (the finder lists active services only)",
                    DROPPED,
                    (s, org) -> s.getStatus() == ServiceStatus.SERVICE_STATUS_ACTIVE),
            new Check(
                    QualityCheckName.QUALITY_CHECK_NAME_URL,
                    "a website",
                    FLAGGED,
                    (s, org) -> !s.getUrl().isBlank()));

    private DataQuality() {}

    /** The report over {@code services}; {@code organizations} are the ids of the organisations in the directory. */
    public static DataQualityReport of(List<Service> services, Set<String> organizations) {
        int[] passing = new int[CHECKS.size()];
        List<ServiceQuality> failing = new ArrayList<>();
        int usable = 0;
        for (Service service : services) {
            boolean organizationKnown = organizations.contains(service.getOrganizationId());
            List<QualityCheckName> failed = new ArrayList<>();
            boolean dropped = false;
            for (int i = 0; i < CHECKS.size(); i++) {
                Check check = CHECKS.get(i);
                if (check.passes().test(service, organizationKnown)) {
                    passing[i]++;
                } else {
                    failed.add(check.name());
                    dropped |= check.effect() == DROPPED;
                }
            }
            usable += dropped ? 0 : 1;
            if (!failed.isEmpty()) {
                failing.add(ServiceQuality.newBuilder()
                        .setId(service.getId())
                        .setName(service.getName())
                        .addAllFailed(failed)
                        .setUsable(!dropped)
                        .build());
            }
        }
        DataQualityReport.Builder report = DataQualityReport.newBuilder()
                .setServices(services.size())
                .setUsable(usable)
                .addAllServicesFailing(failing);
        for (int i = 0; i < CHECKS.size(); i++) {
            Check check = CHECKS.get(i);
            report.addChecks(QualityCheck.newBuilder()
                    .setCheck(check.name())
                    .setDescription(check.description())
                    .setEffect(check.effect())
                    .setPassing(passing[i])
                    .setFailing(services.size() - passing[i]));
        }
        return report.build();
    }

    private static boolean hasContactRoute(Service service) {
        if (!service.getEmail().isBlank()
                || service.getPhonesList().stream().anyMatch(p -> !p.getNumber().isBlank())) {
            return true;
        }
        for (Contact contact : service.getContactsList()) {
            if (!contact.getEmail().isBlank()
                    || contact.getPhonesList().stream()
                            .anyMatch(p -> !p.getNumber().isBlank())) {
                return true;
            }
        }
        return false;
    }
}
