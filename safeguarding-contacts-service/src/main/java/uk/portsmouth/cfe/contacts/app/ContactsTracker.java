package uk.portsmouth.cfe.contacts.app;

import java.time.Clock;
import java.util.List;
import uk.portsmouth.cfe.contacts.domain.NamedContacts;
import uk.portsmouth.cfe.contacts.outbound.SchoolDirectory;
import uk.portsmouth.cfe.contacts.store.SchoolContactStore;
import uk.portsmouth.cfe.platform.audit.AuditLog;
import uk.portsmouth.cfe.platform.audit.AuditSubjects;
import uk.portsmouth.cfe.platform.grpc.CallerContexts;
import uk.portsmouth.cfe.platform.mongo.StoredRecord;
import uk.portsmouth.cfe.platform.paging.Paging;
import uk.portsmouth.cfe.platform.time.CityTime;
import uk.portsmouth.cfe.proto.attendance.v1.School;
import uk.portsmouth.cfe.proto.common.v1.CallerContext;
import uk.portsmouth.cfe.proto.contacts.v1.GetSchoolContactsRequest;
import uk.portsmouth.cfe.proto.contacts.v1.ListNamedContactsRequest;
import uk.portsmouth.cfe.proto.contacts.v1.NamedContactEntry;
import uk.portsmouth.cfe.proto.contacts.v1.NamedContactPage;
import uk.portsmouth.cfe.proto.contacts.v1.SchoolContacts;
import uk.portsmouth.cfe.proto.contacts.v1.SchoolContactsRecord;
import uk.portsmouth.cfe.proto.contacts.v1.UpdateSchoolContactsRequest;

/**
 * The All Schools Contacts Tracker. A school reads and maintains its own named contacts, the LA
 * any school's, and only the LA draws targeted lists. Every read and write of named people is audited.
 */
public final class ContactsTracker {

    private static final List<String> LA = CallerContexts.LA_ROLES;
    private static final String ONLY_SCHOOL_OR_LA =
            "Only the school itself or the LA may see or change a school's named contacts";

    private final SchoolDirectory schools;
    private final SchoolContactStore contacts;
    private final AuditLog audit;
    private final Clock clock;

    public ContactsTracker(SchoolDirectory schools, AuditLog audit, Clock clock) {
        this.schools = schools;
        this.contacts = schools.contacts();
        this.audit = audit;
        this.clock = clock;
    }

    public SchoolContactsRecord getSchoolContacts(GetSchoolContactsRequest request) {
        CallerContext caller = CallerContexts.requireOwnSchoolOrRole(request.getUrn(), LA, ONLY_SCHOOL_OR_LA);
        School school = schools.school(request.getUrn());
        StoredRecord<SchoolContacts> stored = contacts.get(school.getUrn());
        audit.record(caller, "read-school-contacts", "read", AuditSubjects.school(school.getUrn()));
        return record(school, stored.body(), stored.version(), stored.modifiedBy());
    }

    public SchoolContactsRecord updateSchoolContacts(UpdateSchoolContactsRequest request) {
        CallerContext caller = CallerContexts.requireOwnSchoolOrRole(request.getUrn(), LA, ONLY_SCHOOL_OR_LA);
        NamedContacts.validate(request.getContactsList());
        School school = schools.school(request.getUrn());
        SchoolContacts updated = SchoolContacts.newBuilder()
                .setUrn(school.getUrn())
                .addAllContacts(NamedContacts.held(request.getContactsList()))
                .setLastModified(CityTime.timestamp(clock))
                .build();
        long version = contacts.replace(updated, request.getExpectedVersion(), caller.getSubject());
        audit.record(caller, "update-school-contacts", "updated", AuditSubjects.school(school.getUrn()));
        return record(school, updated, version, caller.getSubject());
    }

    public NamedContactPage listNamedContacts(ListNamedContactsRequest request) {
        CallerContext caller = CallerContexts.requireAnyRole(LA, "Only the LA draws lists of schools' named contacts");
        List<NamedContactEntry> entries = schools.list(
                request.getRolesList(), request.getLocality(), request.getPhase(), request.getIncludeVacant());
        Paging paging = Paging.of(request.getPage());
        List<NamedContactEntry> page = paging.slice(entries);
        audit.record(
                caller,
                "list-named-contacts",
                "read " + page.size(),
                page.stream()
                        .map(e -> AuditSubjects.school(e.getUrn()))
                        .distinct()
                        .toList());
        return NamedContactPage.newBuilder()
                .setPage(paging.info(entries.size(), page.size()))
                .addAllContents(page)
                .build();
    }

    private static SchoolContactsRecord record(School school, SchoolContacts stored, long version, String modifiedBy) {
        return SchoolContactsRecord.newBuilder()
                .setVersion(version)
                .setSchoolContacts(stored.toBuilder()
                        .setSchoolName(school.getName())
                        .setPhase(school.getPhase())
                        .setLocality(school.getLocality())
                        .clearContacts()
                        .addAllContacts(NamedContacts.withVacancies(stored.getContactsList()))
                        .setModifiedBy(modifiedBy == null ? "" : modifiedBy)
                        .build())
                .build();
    }
}
