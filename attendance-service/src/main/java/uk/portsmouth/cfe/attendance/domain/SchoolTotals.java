package uk.portsmouth.cfe.attendance.domain;

import java.time.LocalDate;
import java.util.Map;
import java.util.TreeMap;

/**
 * A school's attendance for one academic year, summed over its enrolments: for the year and for
 * each term by group (an enrolment's year group and SEN status, see {@link #group}), and week by
 * week. It is kept current at every marks write by adding each changed enrolment's difference, so
 * a school's report reads one document and the city's one a school, however many marks there are.
 */
public record SchoolTotals(
        Map<String, GroupTotals> year,
        Map<String, Map<String, GroupTotals>> terms,
        Map<LocalDate, SessionCounts> weeks) {

    /** The group an enrolment is counted in: "year group|SEN status", e.g. "7|sen_support". */
    public static String group(String yearGroup, String senStatus) {
        return yearGroup + "|" + senStatus;
    }

    public static String yearGroupOf(String group) {
        return group.substring(0, group.indexOf('|'));
    }

    public static String senStatusOf(String group) {
        return group.substring(group.indexOf('|') + 1);
    }

    /** One enrolment's contribution, in its group. */
    public static SchoolTotals of(String group, EnrolmentMarks.Counters counters) {
        Map<String, Map<String, GroupTotals>> terms = new TreeMap<>();
        counters.terms().forEach((term, counts) -> terms.put(term, nonZero(Map.of(group, GroupTotals.of(counts)))));
        return new SchoolTotals(
                nonZero(Map.of(group, GroupTotals.of(counters.year()))),
                nonZeroTerms(terms),
                new TreeMap<>(counters.weeks()));
    }

    /** What changed from {@code before} to this (zero parts left out). */
    public SchoolTotals minus(SchoolTotals before) {
        Map<String, Map<String, GroupTotals>> termsAfter = new TreeMap<>();
        terms.forEach((term, byGroup) -> termsAfter.put(term, new TreeMap<>(byGroup)));
        before.terms.forEach((term, byGroup) ->
                termsAfter.put(term, minus(termsAfter.getOrDefault(term, Map.of()), byGroup)));
        Map<LocalDate, SessionCounts> weeksAfter = new TreeMap<>(weeks);
        before.weeks.forEach((week, c) -> weeksAfter.put(
                week, weeksAfter.getOrDefault(week, SessionCounts.NONE).minus(c)));
        weeksAfter.values().removeIf(SessionCounts.NONE::equals);
        return new SchoolTotals(minus(year, before.year), nonZeroTerms(termsAfter), weeksAfter);
    }

    /**
     * Adds up many totals in one pass (a school's enrolments, the changes of a batch): adding them
     * two at a time into new records would copy the growing sum at every step.
     */
    public static final class Sum {
        private final Map<String, GroupTotals> year = new TreeMap<>();
        private final Map<String, Map<String, GroupTotals>> terms = new TreeMap<>();
        private final Map<LocalDate, SessionCounts> weeks = new TreeMap<>();

        public Sum add(SchoolTotals part) {
            part.year.forEach((group, totals) -> year.merge(group, totals, GroupTotals::plus));
            part.terms.forEach((term, byGroup) -> byGroup.forEach((group, totals) ->
                    terms.computeIfAbsent(term, t -> new TreeMap<>()).merge(group, totals, GroupTotals::plus)));
            part.weeks.forEach((week, counts) -> weeks.merge(week, counts, SessionCounts::plus));
            return this;
        }

        /** The sum, zero parts left out. */
        public SchoolTotals total() {
            Map<String, Map<String, GroupTotals>> termsKept = new TreeMap<>();
            terms.forEach((term, byGroup) -> termsKept.put(term, nonZero(byGroup)));
            Map<LocalDate, SessionCounts> weeksKept = new TreeMap<>(weeks);
            weeksKept.values().removeIf(SessionCounts.NONE::equals);
            return new SchoolTotals(nonZero(year), nonZeroTerms(termsKept), weeksKept);
        }
    }

    public boolean isEmpty() {
        return year.isEmpty() && terms.isEmpty() && weeks.isEmpty();
    }

    /** The groups over the year, or over one term (empty when the term has no marks). */
    public Map<String, GroupTotals> groups(String term) {
        return term == null ? year : terms.getOrDefault(term, Map.of());
    }

    private static Map<String, GroupTotals> minus(Map<String, GroupTotals> left, Map<String, GroupTotals> right) {
        Map<String, GroupTotals> difference = new TreeMap<>(left);
        right.forEach((group, totals) -> difference.put(
                group, difference.getOrDefault(group, GroupTotals.NONE).minus(totals)));
        return nonZero(difference);
    }

    private static Map<String, GroupTotals> nonZero(Map<String, GroupTotals> groups) {
        Map<String, GroupTotals> kept = new TreeMap<>(groups);
        kept.values().removeIf(GroupTotals::isZero);
        return kept;
    }

    private static Map<String, Map<String, GroupTotals>> nonZeroTerms(Map<String, Map<String, GroupTotals>> terms) {
        Map<String, Map<String, GroupTotals>> kept = new TreeMap<>(terms);
        kept.values().removeIf(Map::isEmpty);
        return kept;
    }
}
