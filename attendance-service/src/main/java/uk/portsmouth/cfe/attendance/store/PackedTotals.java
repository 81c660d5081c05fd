package uk.portsmouth.cfe.attendance.store;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Map;
import java.util.TreeMap;
import uk.portsmouth.cfe.attendance.domain.GroupTotals;
import uk.portsmouth.cfe.attendance.domain.SchoolTotals;
import uk.portsmouth.cfe.attendance.domain.SessionCounts;

/**
 * A school-year's totals ({@link SchoolTotals}) as one string, a line a part:
 * {@code "y 7|sen_support 380,350,2,20,8,0,1,0,0"} (a group over the year: six session counts, then
 * pupils, persistently and severely absent), {@code "t Autumn+2025 7|none 140,..."} (a group in a
 * term) and {@code "w 2025-09-01 10,9,0,1,0,0"} (a week's six counts); names URL-encoded, parts
 * separated by spaces. One value, not a thousand: the embedded store copies, compares and sizes
 * every value of a document it updates, and a batch's {@code $inc} named some 360 paths of it
 * (docs/performance.md). Read whole, as reports always read totals.
 */
final class PackedTotals {

    private static final String YEAR = "y";
    private static final String TERM = "t";
    private static final String WEEK = "w";

    private PackedTotals() {}

    static String pack(SchoolTotals totals) {
        StringBuilder packed = new StringBuilder(4096);
        totals.year()
                .forEach((group, g) ->
                        numbers(line(packed, YEAR).append(name(group)).append(' '), g));
        totals.terms()
                .forEach((term, groups) -> groups.forEach((group, g) -> numbers(
                        line(packed, TERM)
                                .append(name(term))
                                .append(' ')
                                .append(name(group))
                                .append(' '),
                        g)));
        totals.weeks()
                .forEach((week, counts) ->
                        PackedCounters.append(line(packed, WEEK).append(week).append(' '), counts));
        return packed.toString();
    }

    static SchoolTotals unpack(String packed) {
        Map<String, GroupTotals> year = new TreeMap<>();
        Map<String, Map<String, GroupTotals>> terms = new TreeMap<>();
        Map<LocalDate, SessionCounts> weeks = new TreeMap<>();
        for (String line : packed.split("\n")) {
            if (line.isEmpty()) {
                continue;
            }
            String[] parts = line.split(" ");
            switch (parts[0]) {
                case YEAR -> year.put(named(parts[1]), group(parts[2]));
                case TERM ->
                    terms.computeIfAbsent(named(parts[1]), t -> new TreeMap<>()).put(named(parts[2]), group(parts[3]));
                case WEEK -> weeks.put(LocalDate.parse(parts[1]), PackedCounters.counts(parts[2]));
                default -> throw new IllegalStateException("stored totals hold an unknown line: " + line);
            }
        }
        return new SchoolTotals(year, terms, weeks);
    }

    private static StringBuilder line(StringBuilder packed, String kind) {
        if (!packed.isEmpty()) {
            packed.append('\n');
        }
        return packed.append(kind).append(' ');
    }

    private static String name(String name) {
        return URLEncoder.encode(name, StandardCharsets.UTF_8);
    }

    private static String named(String encoded) {
        return URLDecoder.decode(encoded, StandardCharsets.UTF_8);
    }

    /** A group's six session counts (as an enrolment's counters hold them), then its three head counts. */
    private static void numbers(StringBuilder packed, GroupTotals g) {
        PackedCounters.append(packed, g.counts());
        packed.append(',')
                .append(g.pupils())
                .append(',')
                .append(g.persistent())
                .append(',')
                .append(g.severe());
    }

    private static GroupTotals group(String nine) {
        int sixth = nine.length();
        for (int commas = 0, i = 0; i < nine.length(); i++) {
            if (nine.charAt(i) == ',' && ++commas == 6) {
                sixth = i;
                break;
            }
        }
        String[] heads = sixth < nine.length() ? nine.substring(sixth + 1).split(",") : new String[0];
        if (heads.length != 3) {
            throw new IllegalStateException("stored totals hold a group that is not nine numbers: " + nine);
        }
        return new GroupTotals(
                PackedCounters.counts(nine.substring(0, sixth)),
                Long.parseLong(heads[0]),
                Long.parseLong(heads[1]),
                Long.parseLong(heads[2]));
    }
}
