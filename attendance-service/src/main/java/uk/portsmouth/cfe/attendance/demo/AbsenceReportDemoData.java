package uk.portsmouth.cfe.attendance.demo;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import uk.portsmouth.cfe.attendance.domain.AbsenceReportRules;
import uk.portsmouth.cfe.attendance.domain.AcademicCalendar;
import uk.portsmouth.cfe.attendance.domain.IllnessGuidanceTable;
import uk.portsmouth.cfe.attendance.store.AbsenceReportStore;
import uk.portsmouth.cfe.attendance.store.PupilStore;
import uk.portsmouth.cfe.attendance.store.SchoolStore;
import uk.portsmouth.cfe.platform.proto.Dates;
import uk.portsmouth.cfe.platform.time.CityTime;
import uk.portsmouth.cfe.proto.attendance.v1.AbsenceReason;
import uk.portsmouth.cfe.proto.attendance.v1.AbsenceReportRecord;
import uk.portsmouth.cfe.proto.attendance.v1.AbsenceReporter;
import uk.portsmouth.cfe.proto.attendance.v1.AbsentChild;
import uk.portsmouth.cfe.proto.attendance.v1.AppAbsenceReport;
import uk.portsmouth.cfe.proto.attendance.v1.Pupil;
import uk.portsmouth.cfe.proto.attendance.v1.ReporterRelationship;
import uk.portsmouth.cfe.proto.attendance.v1.School;

/**
 * A few parents' reports sent through the demo parents' app ({@code demo-parent-app}) on the latest
 * school day: illnesses and an appointment at the first school, matched to its roll, one child the
 * roll does not know, and enough diarrhoea and vomiting at the second school to raise an outbreak
 * alert. Loading again adds nothing.
 */
public final class AbsenceReportDemoData {

    static final String DEMO_APP = "demo-parent-app";

    private AbsenceReportDemoData() {}

    public static void load(
            AbsenceReportStore reports,
            SchoolStore schools,
            PupilStore pupils,
            AcademicCalendar calendar,
            IllnessGuidanceTable guidance,
            Clock clock) {
        LocalDate today = CityTime.today(clock);
        List<LocalDate> recent = calendar.schoolDays(today.minusDays(14), today);
        List<School> all = schools.all();
        if (recent.isEmpty() || all.size() < 2) {
            return;
        }
        LocalDate day = recent.get(recent.size() - 1);
        List<Pupil> first = roll(pupils, all.get(0).getUrn());
        List<Pupil> second = roll(pupils, all.get(1).getUrn());
        // three reasons at the first school: two illnesses and an appointment
        String[] firstSchool = {"high_temperature", "chickenpox", ""};
        int n = 0;
        for (int i = 0; i < Math.min(firstSchool.length, first.size()); i++) {
            seed(
                    reports,
                    guidance,
                    ++n,
                    first.get(i),
                    all.get(0).getUrn(),
                    day,
                    firstSchool[i].isEmpty() ? AbsenceReportRules.MEDICAL_APPOINTMENT : AbsenceReportRules.ILLNESS,
                    firstSchool[i]);
        }
        Pupil unknown = Pupil.newBuilder()
                .setGivenName("Robin")
                .setFamilyName("Notontheroll")
                .setDateOfBirth(Dates.of(LocalDate.of(2016, 5, 4)))
                .build();
        seed(
                reports,
                guidance,
                ++n,
                unknown,
                all.get(0).getUrn(),
                day,
                AbsenceReportRules.ILLNESS,
                "cough_cold_or_sore_throat");
        for (int i = 0; i < Math.min(6, second.size()); i++) {
            seed(
                    reports,
                    guidance,
                    ++n,
                    second.get(i),
                    all.get(1).getUrn(),
                    day,
                    AbsenceReportRules.ILLNESS,
                    "diarrhoea_and_vomiting");
        }
    }

    private static List<Pupil> roll(PupilStore pupils, String urn) {
        return pupils.all(urn).values().stream()
                .filter(Pupil::getOnRoll)
                .sorted(Comparator.comparing(Pupil::getUpn))
                .toList();
    }

    private static void seed(
            AbsenceReportStore reports,
            IllnessGuidanceTable guidance,
            int n,
            Pupil child,
            String urn,
            LocalDate day,
            AbsenceReason reason,
            String category) {
        String at = day.atTime(7, 45).atZone(CityTime.ZONE).toInstant().toString();
        AppAbsenceReport.Builder report = AppAbsenceReport.newBuilder()
                .setId("ar-demo-" + n)
                .setSchoolUrn(urn)
                .setChild(AbsentChild.newBuilder()
                        .setGivenName(child.getGivenName())
                        .setFamilyName(child.getFamilyName())
                        .setDateOfBirth(child.getDateOfBirth()))
                .setReporter(AbsenceReporter.newBuilder()
                        .setName("Alex " + child.getFamilyName())
                        .setRelationship(ReporterRelationship.REPORTER_RELATIONSHIP_PARENT)
                        .setPhone("023 9200 " + String.format("%04d", 1000 + n)))
                .setFirstDay(Dates.of(day))
                .setExpectedReturn(Dates.of(day.plusDays(2)))
                .setReason(reason)
                .setSymptomCategory(category)
                .setStatus(AbsenceReportRules.REPORTED)
                .setCreatedAt(at)
                .setUpdatedAt(at);
        guidance.of(category).ifPresent(report::setGuidance);
        reports.seed(AbsenceReportRecord.newBuilder()
                .setReport(report)
                .setCreatedByClient(DEMO_APP)
                .build());
    }
}
