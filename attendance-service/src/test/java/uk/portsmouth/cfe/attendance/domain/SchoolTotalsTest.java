package uk.portsmouth.cfe.attendance.domain;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A school's totals are sums of enrolments' contributions; a write adds its difference. */
class SchoolTotalsTest {

    private static final LocalDate WEEK = LocalDate.parse("2026-11-02");
    private static final String GROUP = SchoolTotals.group("7", "ehcp");

    /** possible, present, authorised, unauthorised (no approved activity or non-possible sessions here). */
    private static EnrolmentMarks.Counters counters(long possible, long present, long authorised, long unauthorised) {
        SessionCounts counts = new SessionCounts(possible, present, 0, authorised, unauthorised, 0);
        return new EnrolmentMarks.Counters(counts, Map.of("Autumn 2026", counts), Map.of(WEEK, counts));
    }

    @Test
    void aNewEnrolmentAddsAPupilAndItsFlags() {
        SchoolTotals added = SchoolTotals.of(GROUP, counters(10, 4, 3, 3))
                .minus(SchoolTotals.of(GROUP, EnrolmentMarks.Counters.NONE));
        GroupTotals year = added.year().get(GROUP);
        assertThat(year.pupils(), is(1L));
        assertThat(year.persistent(), is(1L)); // 60% missed
        assertThat(year.severe(), is(1L));
        assertThat(added.terms().get("Autumn 2026").get(GROUP).counts().possible(), is(10L));
        assertThat(added.weeks().get(WEEK).unauthorised(), is(3L));
    }

    @Test
    void aCorrectionMovesCountsAndFlagsButNotThePupil() {
        SchoolTotals before = SchoolTotals.of(GROUP, counters(10, 4, 3, 3));
        SchoolTotals after =
                SchoolTotals.of(GROUP, counters(10, 9, 1, 0)); // 10% missed: still persistent, no longer severe
        GroupTotals difference = after.minus(before).year().get(GROUP);
        assertThat(difference.pupils(), is(0L));
        assertThat(difference.persistent(), is(0L));
        assertThat(difference.severe(), is(-1L));
        assertThat(difference.counts().present(), is(5L));
        assertThat(difference.counts().unauthorised(), is(-3L));
        // the school's totals, kept by differences, end where counting afresh ends
        SchoolTotals other = SchoolTotals.of(SchoolTotals.group("7", "none"), counters(8, 8, 0, 0));
        SchoolTotals kept = new SchoolTotals.Sum()
                .add(before)
                .add(other)
                .add(after.minus(before))
                .total();
        assertThat(kept, is(new SchoolTotals.Sum().add(after).add(other).total()));
    }

    @Test
    void nothingChangedIsAnEmptyDifference() {
        SchoolTotals same = SchoolTotals.of(GROUP, counters(10, 10, 0, 0));
        assertThat(same.minus(same).isEmpty(), is(true));
        assertThat(SchoolTotals.yearGroupOf(GROUP), is("7"));
        assertThat(SchoolTotals.senStatusOf(GROUP), is("ehcp"));
    }
}
