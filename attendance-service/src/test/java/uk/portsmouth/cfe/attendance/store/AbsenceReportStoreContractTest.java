package uk.portsmouth.cfe.attendance.store;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.protobuf.ByteString;
import com.google.protobuf.UnknownFieldSet;
import com.mongodb.client.MongoDatabase;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.bson.Document;
import org.bson.types.Binary;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import uk.portsmouth.cfe.attendance.domain.AbsenceReportRules;
import uk.portsmouth.cfe.platform.errors.VersionConflictException;
import uk.portsmouth.cfe.platform.mongo.ProtoDocuments;
import uk.portsmouth.cfe.platform.paging.Page;
import uk.portsmouth.cfe.platform.paging.Paging;
import uk.portsmouth.cfe.platform.proto.Dates;
import uk.portsmouth.cfe.platform.testing.StoreBackends;
import uk.portsmouth.cfe.platform.testing.StoreBackends.Backend;
import uk.portsmouth.cfe.platform.testing.TestDates;
import uk.portsmouth.cfe.proto.attendance.v1.AbsenceReason;
import uk.portsmouth.cfe.proto.attendance.v1.AbsenceReportRecord;
import uk.portsmouth.cfe.proto.attendance.v1.AbsenceReportStatus;
import uk.portsmouth.cfe.proto.attendance.v1.AbsentChild;
import uk.portsmouth.cfe.proto.attendance.v1.AppAbsenceReport;

/**
 * Absence reports as kept, through the real driver, on the embedded store and on MongoDB where
 * Docker exists: an app finds only its own, a school only its own, each in the order its reader
 * polls in; the LA's illness counts skip cancelled reports; a subject access request finds a child by
 * UPN or by name and date of birth; a change lands only on the version it was made from.
 */
class AbsenceReportStoreContractTest {

    private static final Paging ALL = new Paging(1, 50);

    private static AbsenceReportRecord report(
            String id, String urn, String app, String firstDay, AbsenceReason reason, String updatedAt) {
        return AbsenceReportRecord.newBuilder()
                .setReport(AppAbsenceReport.newBuilder()
                        .setId(id)
                        .setSchoolUrn(urn)
                        .setFirstDay(TestDates.date(firstDay))
                        .setReason(reason)
                        .setStatus(AbsenceReportRules.REPORTED)
                        .setChild(AbsentChild.newBuilder()
                                .setGivenName("Zoë")
                                .setFamilyName("O'Neil-" + id)
                                .setDateOfBirth(Dates.of(LocalDate.of(2017, 3, 4))))
                        .setCreatedAt(updatedAt)
                        .setUpdatedAt(updatedAt))
                .setCreatedByClient(app)
                .build();
    }

    private static List<String> ids(Page<AbsenceReportRecord> page) {
        return ids(page.contents());
    }

    private static List<String> ids(List<AbsenceReportRecord> records) {
        return records.stream().map(r -> r.getReport().getId()).toList();
    }

    private static AbsenceReportStore withReports(Backend store) {
        AbsenceReportStore reports = new AbsenceReportStore(store.freshDatabase());
        AbsenceReason illness = AbsenceReportRules.ILLNESS;
        reports.insert(
                report("ar-1", "100001", "app-a", "2026-11-23", illness, "2026-11-23T07:30:00Z"), "app-a", List.of());
        reports.insert(
                report("ar-2", "100001", "app-b", "2026-11-25", illness, "2026-11-25T07:10:00Z"), "app-b", List.of());
        reports.insert(
                report(
                        "ar-3",
                        "100002",
                        "app-a",
                        "2026-11-24",
                        AbsenceReportRules.MEDICAL_APPOINTMENT,
                        "2026-11-24T08:00:00Z"),
                "app-a",
                List.of());
        return reports;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(StoreBackends.ALL)
    void eachReaderFindsItsOwnInTheOrderItPolls(Backend store) {
        AbsenceReportStore reports = withReports(store);
        assertThat(
                "an app's own, oldest change first",
                ids(reports.sentBy("app-a", "", ALL)),
                is(List.of("ar-1", "ar-3")));
        assertThat(
                "changed after a moment",
                ids(reports.sentBy("app-a", AbsenceReportStore.sortable(Instant.parse("2026-11-23T12:00:00Z")), ALL)),
                is(List.of("ar-3")));
        assertThat(
                "a school's, the latest first day first",
                ids(reports.atSchool(
                        "100001", null, null, AbsenceReportStatus.ABSENCE_REPORT_STATUS_UNSPECIFIED, "", ALL)),
                is(List.of("ar-2", "ar-1")));
        assertThat(
                "a school's by first day",
                ids(reports.atSchool(
                        "100001",
                        LocalDate.parse("2026-11-24"),
                        null,
                        AbsenceReportStatus.ABSENCE_REPORT_STATUS_UNSPECIFIED,
                        "",
                        ALL)),
                is(List.of("ar-2")));
        assertThat(
                ids(reports.atSchool(
                        "100002", null, null, AbsenceReportStatus.ABSENCE_REPORT_STATUS_UNSPECIFIED, "", ALL)),
                is(List.of("ar-3")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(StoreBackends.ALL)
    void theIllnessCountsSkipCancelledReportsAndOtherReasons(Backend store) {
        AbsenceReportStore reports = withReports(store);
        var stored = reports.find("ar-2").orElseThrow();
        AbsenceReportRecord cancelled = stored.body().toBuilder()
                .setReport(stored.body().getReport().toBuilder()
                        .setStatus(AbsenceReportRules.CANCELLED)
                        .setUpdatedAt("2026-11-25T09:00:00Z"))
                .build();
        assertThat(reports.replace(cancelled, stored.version(), "app-b"), is(2L));
        assertThrows(VersionConflictException.class, () -> reports.replace(cancelled, stored.version(), "app-b"));
        assertThat(
                ids(reports.illnessesStarting(LocalDate.parse("2026-11-01"), LocalDate.parse("2026-11-30"))),
                is(List.of("ar-1")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(StoreBackends.ALL)
    void aChildIsFoundByNameAndDateOfBirthForSubjectAccess(Backend store) {
        AbsenceReportStore reports = withReports(store);
        String key = AbsenceReportStore.childKey("ZOË", "o'neil-ar-3", Dates.of(LocalDate.of(2017, 3, 4)));
        assertThat(ids(reports.about("no-upn", List.of(key))), is(List.of("ar-3")));
        assertThat(
                "changed before a moment", reports.changedBefore(Instant.parse("2026-11-24T00:00:00Z"), false), is(1L));
    }

    /**
     * A report kept before its status, reason and relationship were closed sets (strings on the wire)
     * reads back with them, from the stored fields that named them the same way; rewritten, it is kept
     * in the new shape.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource(StoreBackends.ALL)
    void aReportKeptAsStringsReadsBackWithItsClosedSets(Backend store) {
        MongoDatabase database = store.freshDatabase();
        AbsenceReportStore reports = new AbsenceReportStore(database);
        reports.insert(
                report("ar-old", "100001", "app-a", "2026-11-23", AbsenceReportRules.ILLNESS, "2026-11-23T07:30:00Z"),
                "app-a",
                List.of());
        // the bytes as a build before the enums wrote them: fields 8 (reason) and 11 (status) as text
        AppAbsenceReport asStrings = AppAbsenceReport.newBuilder()
                .setId("ar-old")
                .setSchoolUrn("100001")
                .setChild(AbsentChild.newBuilder().setGivenName("Zoë"))
                .setUnknownFields(UnknownFieldSet.newBuilder()
                        .addField(
                                8,
                                UnknownFieldSet.Field.newBuilder()
                                        .addLengthDelimited(ByteString.copyFromUtf8("illness"))
                                        .build())
                        .addField(
                                11,
                                UnknownFieldSet.Field.newBuilder()
                                        .addLengthDelimited(ByteString.copyFromUtf8("reported"))
                                        .build())
                        .build())
                .build();
        byte[] legacy = AbsenceReportRecord.newBuilder()
                .setReport(asStrings)
                .setCreatedByClient("app-a")
                .build()
                .toByteArray();
        database.getCollection("absence_reports")
                .updateOne(
                        new Document("_id", "ar-old"),
                        new Document("$set", new Document(ProtoDocuments.BINARY, new Binary(legacy))));

        var read = reports.find("ar-old").orElseThrow();
        assertThat(read.body().getReport().getStatus(), is(AbsenceReportRules.REPORTED));
        assertThat(read.body().getReport().getReason(), is(AbsenceReportRules.ILLNESS));
        assertThat(read.body().getReport().getChild().getGivenName(), is("Zoë"));
        assertThat(read.body().getReport().getUnknownFields().asMap().isEmpty(), is(true));
    }
}
