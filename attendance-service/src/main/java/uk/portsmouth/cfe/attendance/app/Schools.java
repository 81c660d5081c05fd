package uk.portsmouth.cfe.attendance.app;

import java.time.Clock;
import java.util.List;
import uk.portsmouth.cfe.attendance.domain.SchoolRules;
import uk.portsmouth.cfe.attendance.store.SchoolStore;
import uk.portsmouth.cfe.platform.errors.ConflictException;
import uk.portsmouth.cfe.platform.errors.InvalidInputException;
import uk.portsmouth.cfe.platform.errors.NotFoundException;
import uk.portsmouth.cfe.platform.grpc.CallerContexts;
import uk.portsmouth.cfe.platform.mongo.RequestFingerprints;
import uk.portsmouth.cfe.platform.mongo.StoredRecord;
import uk.portsmouth.cfe.platform.paging.Page;
import uk.portsmouth.cfe.platform.paging.Paging;
import uk.portsmouth.cfe.platform.proto.ClosedSets;
import uk.portsmouth.cfe.platform.reference.Localities;
import uk.portsmouth.cfe.platform.reference.Roles;
import uk.portsmouth.cfe.platform.time.CityTime;
import uk.portsmouth.cfe.proto.attendance.v1.CreateSchoolRequest;
import uk.portsmouth.cfe.proto.attendance.v1.GetSchoolRequest;
import uk.portsmouth.cfe.proto.attendance.v1.ListSchoolsRequest;
import uk.portsmouth.cfe.proto.attendance.v1.School;
import uk.portsmouth.cfe.proto.attendance.v1.SchoolPage;
import uk.portsmouth.cfe.proto.attendance.v1.SchoolPhase;
import uk.portsmouth.cfe.proto.attendance.v1.SchoolRecord;
import uk.portsmouth.cfe.proto.attendance.v1.SchoolStatus;
import uk.portsmouth.cfe.proto.attendance.v1.UpdateSchoolRequest;
import uk.portsmouth.cfe.proto.common.v1.CallerContext;

/**
 * The school register: read by the people who work with schools (not partners, not the public);
 * maintained by the LA, every change attributed to the caller.
 */
public final class Schools {

    static final List<String> READERS =
            List.of(Roles.LA_OFFICER, Roles.LA_ADMIN, Roles.SCHOOL, Roles.EARLY_HELP_MANAGER, Roles.PROFESSIONAL);
    static final List<String> MAINTAINERS = CallerContexts.LA_ROLES;

    private final SchoolStore schools;
    private final Clock clock;

    public Schools(SchoolStore schools, Clock clock) {
        this.schools = schools;
        this.clock = clock;
    }

    public SchoolPage listSchools(ListSchoolsRequest request) {
        CallerContexts.requireAnyRole(READERS, "The school register is for the LA, schools and professionals");
        if (request.getPhaseValue() != 0 && !ClosedSets.given(request.getPhase())) {
            throw InvalidInputException.of("phase", ClosedSets.rule("phase", SchoolPhase.getDescriptor()));
        }
        if (request.getLocalityValue() != 0 && !Localities.isArea(request.getLocality())) {
            throw InvalidInputException.of("locality", Localities.AREA_RULE);
        }
        Page<School> page = schools.list(
                new SchoolStore.Filter(
                        request.getText(), request.getPhase(), request.getLocality(), request.getUrnsList()),
                Paging.of(request.getPage()));
        return SchoolPage.newBuilder()
                .setPage(page.info())
                .addAllContents(page.contents())
                .build();
    }

    public SchoolRecord getSchool(GetSchoolRequest request) {
        CallerContexts.requireAnyRole(READERS, "The school register is for the LA, schools and professionals");
        StoredRecord<School> stored =
                schools.find(request.getUrn()).orElseThrow(() -> new NotFoundException("school", request.getUrn()));
        return SchoolRecord.newBuilder()
                .setSchool(stored.body())
                .setVersion(stored.version())
                .build();
    }

    public SchoolRecord createSchool(CreateSchoolRequest request) {
        CallerContext caller = CallerContexts.requireAnyRole(MAINTAINERS, "Only the LA maintains the school register");
        School school = withDefaultStatus(request.getSchool()).toBuilder()
                .setLastModified(now())
                .build();
        SchoolRules.validate(school);
        String fingerprint = RequestFingerprints.of(request);
        if (!schools.insert(school, caller.getSubject(), fingerprint)) {
            StoredRecord<School> made = RequestFingerprints.madeBySameRequest(
                    fingerprint,
                    schools.requestHash(school.getUrn()),
                    () -> schools.find(school.getUrn()),
                    () -> new ConflictException(
                            "/urn", "A school with URN " + school.getUrn() + " is registered already"));
            return SchoolRecord.newBuilder()
                    .setSchool(made.body())
                    .setVersion(made.version())
                    .build();
        }
        return SchoolRecord.newBuilder().setSchool(school).setVersion(1).build();
    }

    public SchoolRecord updateSchool(UpdateSchoolRequest request) {
        CallerContext caller = CallerContexts.requireAnyRole(MAINTAINERS, "Only the LA maintains the school register");
        School school = withDefaultStatus(request.getSchool()).toBuilder()
                .setLastModified(now())
                .build();
        SchoolRules.validate(school);
        long version = schools.replace(school, request.getExpectedVersion(), caller.getSubject());
        return SchoolRecord.newBuilder().setSchool(school).setVersion(version).build();
    }

    /** A school sent without a status is open. */
    private static School withDefaultStatus(School school) {
        return school.getStatusValue() == 0
                ? school.toBuilder().setStatus(SchoolStatus.SCHOOL_STATUS_OPEN).build()
                : school;
    }

    private String now() {
        return CityTime.timestamp(clock);
    }
}
