package uk.portsmouth.cfe.attendance.domain;

import java.time.LocalDate;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BinaryOperator;

/**
 * A school's attendance for one academic year, summed over its enrolments: for the year and for
 * each term by group (an enrolment's year group and SEN status, see {@link #group}), and week by
 * week. It is kept current at every marks write by adding each changed enrolment's difference, so
 * a school's report reads one document and the city's one a school, however many marks there are.
 */
public record SchoolTotals(Map<String, GroupTotals> year, Map<String, Map<String, GroupTotals>> terms,
                           Map<LocalDate, SessionCounts> weeks) {

    public static final SchoolTotals NONE = new SchoolTotals(Map.of(), Map.of(), Map.of());

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
        return new SchoolTotals(nonZero(Map.of(group, GroupTotals.of(counters.year()))), nonZeroTerms(terms),
                                new TreeMap<>(counters.weeks()));
    }

    public SchoolTotals plus(SchoolTotals other) {
        return combine(other, GroupTotals::plus, SessionCounts::plus);
    }

    /** What changed from {@code before} to this (zero parts left out). */
    public SchoolTotals minus(SchoolTotals before) {
        return combine(before, GroupTotals::minus, SessionCounts::minus);
    }

    public boolean isEmpty() {
        return year.isEmpty() && terms.isEmpty() && weeks.isEmpty();
    }

    /** The groups over the year, or over one term (empty when the term has no marks). */
    public Map<String, GroupTotals> groups(String term) {
        return term == null ? year : terms.getOrDefault(term, Map.of());
    }

    private SchoolTotals combine(SchoolTotals other, BinaryOperator<GroupTotals> groups, BinaryOperator<SessionCounts> counts) {
        Map<String, Map<String, GroupTotals>> termsAfter = new TreeMap<>();
        terms.forEach((term, byGroup) -> termsAfter.put(term, new TreeMap<>(byGroup)));
        other.terms.forEach((term, byGroup) -> termsAfter.put(term, merge(termsAfter.getOrDefault(term, Map.of()), byGroup, groups,
                                                                           GroupTotals.NONE)));
        Map<LocalDate, SessionCounts> weeksAfter = new TreeMap<>(weeks);
        other.weeks.forEach((week, c) -> weeksAfter.put(week, counts.apply(weeksAfter.getOrDefault(week, SessionCounts.NONE), c)));
        weeksAfter.values().removeIf(SessionCounts.NONE::equals);
        return new SchoolTotals(merge(year, other.year, groups, GroupTotals.NONE), nonZeroTerms(termsAfter), weeksAfter);
    }

    private static <T> Map<String, T> merge(Map<String, T> left, Map<String, T> right, BinaryOperator<T> operator, T zero) {
        Map<String, T> merged = new TreeMap<>(left);
        right.forEach((key, value) -> merged.put(key, operator.apply(merged.getOrDefault(key, zero), value)));
        merged.values().removeIf(zero::equals);
        return merged;
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
