package uk.portsmouth.cfe.attendance.domain;

/**
 * A group of enrolments summed: their sessions together, how many have possible sessions
 * ({@code pupils}), and how many of those are persistently and severely absent. Every part adds,
 * so a school's or the city's totals are sums, and one enrolment's change is a difference.
 */
public record GroupTotals(SessionCounts counts, long pupils, long persistent, long severe) {

    public static final GroupTotals NONE = new GroupTotals(SessionCounts.NONE, 0, 0, 0);

    /** One enrolment's contribution. */
    public static GroupTotals of(SessionCounts enrolment) {
        return new GroupTotals(
                enrolment,
                enrolment.hasRates() ? 1 : 0,
                enrolment.persistentlyAbsent() ? 1 : 0,
                enrolment.severelyAbsent() ? 1 : 0);
    }

    public GroupTotals plus(GroupTotals other) {
        return new GroupTotals(
                counts.plus(other.counts), pupils + other.pupils, persistent + other.persistent, severe + other.severe);
    }

    public GroupTotals minus(GroupTotals other) {
        return new GroupTotals(
                counts.minus(other.counts),
                pupils - other.pupils,
                persistent - other.persistent,
                severe - other.severe);
    }

    public boolean isZero() {
        return equals(NONE);
    }
}
