package uk.portsmouth.cfe.contacts.outbound;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import uk.portsmouth.cfe.contacts.domain.NamedContacts;
import uk.portsmouth.cfe.contacts.store.SchoolContactStore;
import uk.portsmouth.cfe.platform.errors.InvalidInputException;
import uk.portsmouth.cfe.platform.grpc.CallerContexts;
import uk.portsmouth.cfe.platform.paging.Paging;
import uk.portsmouth.cfe.proto.attendance.v1.GetSchoolRequest;
import uk.portsmouth.cfe.proto.attendance.v1.ListSchoolsRequest;
import uk.portsmouth.cfe.proto.attendance.v1.School;
import uk.portsmouth.cfe.proto.attendance.v1.SchoolPage;
import uk.portsmouth.cfe.proto.attendance.v1.SchoolPhase;
import uk.portsmouth.cfe.proto.attendance.v1.SchoolRegistryGrpc.SchoolRegistryBlockingStub;
import uk.portsmouth.cfe.proto.common.v1.Locality;
import uk.portsmouth.cfe.proto.common.v1.PageRequest;
import uk.portsmouth.cfe.proto.contacts.v1.NamedContact;
import uk.portsmouth.cfe.proto.contacts.v1.NamedContactEntry;

/**
 * Schools and their named contacts together: schools come from the school register
 * (attendance-service), asked for the caller (passed on, signed) so nobody learns more of it than they may read
 * (NOT_FOUND, PERMISSION_DENIED and UNAVAILABLE pass through); contacts from this service's store.
 */
public final class SchoolDirectory {

    private final SchoolContactStore contacts;
    private final SchoolRegistryBlockingStub register;

    public SchoolDirectory(SchoolContactStore contacts, SchoolRegistryBlockingStub register) {
        this.contacts = contacts;
        this.register = register;
    }

    public SchoolContactStore contacts() {
        return contacts;
    }

    public School school(String urn) {
        return CallerContexts.forwardCaller(register)
                .getSchool(GetSchoolRequest.newBuilder().setUrn(urn).build())
                .getSchool();
    }

    /** A targeted list: the named contacts in {@code roles} (all when empty) of the schools matching the filters. */
    public List<NamedContactEntry> list(
            List<String> roles, Locality locality, SchoolPhase phase, boolean includeVacant) {
        for (String role : roles) {
            if (!NamedContacts.ROLES.containsKey(role)) {
                throw InvalidInputException.of(
                        "role", "role must be one of " + String.join(", ", NamedContacts.ROLES.keySet()));
            }
        }
        List<School> matching = schools(locality, phase);
        Map<String, uk.portsmouth.cfe.proto.contacts.v1.SchoolContacts> stored =
                contacts.findAll(matching.stream().map(School::getUrn).toList());
        List<NamedContactEntry> entries = new ArrayList<>();
        for (School school : matching) {
            List<NamedContact> held = stored.containsKey(school.getUrn())
                    ? stored.get(school.getUrn()).getContactsList()
                    : List.of();
            for (NamedContact contact : NamedContacts.withVacancies(held)) {
                boolean wanted = roles.isEmpty() || roles.contains(contact.getRole());
                if (wanted && (includeVacant || !contact.getVacant())) {
                    entries.add(NamedContactEntry.newBuilder()
                            .setUrn(school.getUrn())
                            .setSchoolName(school.getName())
                            .setPhase(school.getPhase())
                            .setLocality(school.getLocality())
                            .setContact(contact)
                            .build());
                }
            }
        }
        return entries;
    }

    /** Every school in the register matching the filters, in name order. */
    private List<School> schools(Locality locality, SchoolPhase phase) {
        List<School> all = new ArrayList<>();
        SchoolPage page;
        int number = 1;
        do {
            page = CallerContexts.forwardCaller(register)
                    .listSchools(ListSchoolsRequest.newBuilder()
                            .setLocality(locality)
                            .setPhase(phase)
                            .setPage(PageRequest.newBuilder().setPage(number++).setPerPage(Paging.MAX_SIZE))
                            .build());
            all.addAll(page.getContentsList());
        } while (!page.getPage().getLastPage());
        return all;
    }
}
