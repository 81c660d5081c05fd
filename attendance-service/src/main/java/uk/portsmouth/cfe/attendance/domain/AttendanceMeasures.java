package uk.portsmouth.cfe.attendance.domain;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import uk.portsmouth.cfe.proto.attendance.v1.GroupMeasures;
import uk.portsmouth.cfe.proto.attendance.v1.Measures;
import uk.portsmouth.cfe.proto.attendance.v1.SessionTotals;

/**
 * Session counts as the measures the API shows: rates to one decimal place, the persistent and
 * severe absence flags, and groups of pupils summed by year group, SEN status or locality.
 */
public final class AttendanceMeasures {
    private AttendanceMeasures() {}

    public static String yearGroupLabel(String yearGroup) {
        return switch (yearGroup) {
            case "-1" -> "nursery";
            case "0" -> "reception";
            case "unknown" -> "unknown";
            default -> "year " + yearGroup;
        };
    }

    /** The groups summed again by another key (year group, SEN status). */
    public static List<GroupMeasures> regroup(Map<String, GroupTotals> groups, Function<String, String> key) {
        Map<String, GroupTotals> regrouped = new TreeMap<>();
        groups.forEach((group, g) -> regrouped.merge(key.apply(group), g, GroupTotals::plus));
        List<GroupMeasures> measures = new ArrayList<>();
        regrouped.forEach((name, g) -> measures.add(group(name, g)));
        return measures;
    }

    public static GroupTotals sum(Collection<GroupTotals> groups) {
        return groups.stream().reduce(GroupTotals.NONE, GroupTotals::plus);
    }

    public static GroupMeasures group(String name, GroupTotals g) {
        return GroupMeasures.newBuilder()
                .setGroup(name)
                .setPupils(g.pupils())
                .setPersistentlyAbsent(g.persistent())
                .setSeverelyAbsent(g.severe())
                .setMeasures(totals(g.counts()))
                .build();
    }

    public static Measures measures(SessionCounts counts) {
        return Measures.newBuilder()
                .setPossibleSessions(counts.possible())
                .setPresent(counts.present())
                .setApprovedActivity(counts.approvedActivity())
                .setAuthorisedAbsence(counts.authorised())
                .setUnauthorisedAbsence(counts.unauthorised())
                .setAttendancePercent(round(counts.attendanceRate()))
                .setAbsencePercent(round(counts.absenceRate()))
                .setPersistentlyAbsent(counts.persistentlyAbsent())
                .setSeverelyAbsent(counts.severelyAbsent())
                .setBelow30Percent(counts.belowLowAttendance())
                .setNoPossibleSessions(!counts.hasRates())
                .build();
    }

    /** A group's or a week's sessions together: rates, and no per-pupil flags. */
    public static SessionTotals totals(SessionCounts counts) {
        return SessionTotals.newBuilder()
                .setPossibleSessions(counts.possible())
                .setPresent(counts.present())
                .setApprovedActivity(counts.approvedActivity())
                .setAuthorisedAbsence(counts.authorised())
                .setUnauthorisedAbsence(counts.unauthorised())
                .setAttendancePercent(round(counts.attendanceRate()))
                .setAbsencePercent(round(counts.absenceRate()))
                .setNoPossibleSessions(!counts.hasRates())
                .build();
    }

    private static double round(double percent) {
        return Math.round(percent * 10) / 10.0;
    }
}
