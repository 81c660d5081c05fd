package uk.portsmouth.cfe.platform.testing;

import com.google.type.Date;
import uk.portsmouth.cfe.platform.proto.Dates;

/** Dates written as text in tests' tables of worked examples. */
public final class TestDates {

    private TestDates() {}

    /** The date {@code isoDate} names, or no date for {@code ""} (a table's empty cell). */
    public static Date date(String isoDate) {
        return isoDate.isEmpty()
                ? Date.getDefaultInstance()
                : Dates.parse(isoDate)
                        .map(Dates::of)
                        .orElseThrow(() -> new IllegalArgumentException("not a date: " + isoDate));
    }
}
