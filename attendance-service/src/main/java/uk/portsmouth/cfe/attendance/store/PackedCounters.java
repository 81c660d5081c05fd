package uk.portsmouth.cfe.attendance.store;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import uk.portsmouth.cfe.attendance.domain.EnrolmentMarks;
import uk.portsmouth.cfe.attendance.domain.SessionCounts;

/**
 * An enrolment-year's counters (the year's and each term's) as one string:
 * {@code "380,350,2,20,8,0|Autumn+2025=140,130,0,6,4,0|Spring+2026=..."}: six numbers (possible,
 * present, approved activity, authorised, unauthorised, not possible), then each term's name
 * (URL-encoded) and its six. One field, not four documents of six numbers: the embedded store's cost
 * of an update grows with the number of values in the document it copies and compares (twice as fast
 * for the year's ingest, see docs/performance.md), and these counters are only ever read whole.
 */
final class PackedCounters {

    private static final char TERM = '|';
    private static final char NAME = '=';

    private PackedCounters() {}

    static String pack(EnrolmentMarks.Counters counters) {
        StringBuilder packed = new StringBuilder(64);
        append(packed, counters.year());
        counters.terms().forEach((term, counts) -> {
            packed.append(TERM)
                    .append(URLEncoder.encode(term, StandardCharsets.UTF_8))
                    .append(NAME);
            append(packed, counts);
        });
        return packed.toString();
    }

    static EnrolmentMarks.Counters unpack(String packed) {
        String[] parts = packed.split("\\|");
        Map<String, SessionCounts> terms = new TreeMap<>();
        for (int i = 1; i < parts.length; i++) {
            int name = parts[i].indexOf(NAME);
            terms.put(
                    URLDecoder.decode(parts[i].substring(0, name), StandardCharsets.UTF_8),
                    counts(parts[i].substring(name + 1)));
        }
        return new EnrolmentMarks.Counters(counts(parts[0]), terms, Map.of());
    }

    /** Six session counts, comma-separated (also a school's totals' parts: {@link PackedTotals}). */
    static StringBuilder append(StringBuilder packed, SessionCounts counts) {
        packed.append(counts.possible())
                .append(',')
                .append(counts.present())
                .append(',')
                .append(counts.approvedActivity())
                .append(',')
                .append(counts.authorised())
                .append(',')
                .append(counts.unauthorised())
                .append(',')
                .append(counts.notPossible());
        return packed;
    }

    static SessionCounts counts(String six) {
        String[] n = six.split(",");
        if (n.length != 6) {
            throw new IllegalStateException("stored counters are not six numbers: " + six);
        }
        return new SessionCounts(
                Long.parseLong(n[0]),
                Long.parseLong(n[1]),
                Long.parseLong(n[2]),
                Long.parseLong(n[3]),
                Long.parseLong(n[4]),
                Long.parseLong(n[5]));
    }
}
