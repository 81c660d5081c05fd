package uk.portsmouth.cfe.gateway.http;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.sameInstance;

import org.junit.jupiter.api.Test;
import uk.portsmouth.cfe.proto.attendance.v1.AttendanceSummary;
import uk.portsmouth.cfe.proto.attendance.v1.GroupMeasures;
import uk.portsmouth.cfe.proto.attendance.v1.SessionTotals;

/**
 * A report printed once while it is the same ({@link Json#report}): an equal report (another
 * instance, as each gRPC reply is) gets the same text; one that moved by a figure, or is another
 * school's, is printed afresh, and every print is what {@link Json#proto} prints.
 */
class JsonReportsTest {

    @Test
    void aReportIsPrintedAgainOnlyWhenItIsNotTheSame() {
        String first = Json.report(summary("116000", 10));
        assertThat(Json.report(summary("116000", 10)), is(sameInstance(first)));
        assertThat(first, is(Json.proto(summary("116000", 10))));

        String moved = Json.report(summary("116000", 11));
        assertThat(moved, is(not(first)));
        assertThat(moved, containsString("\"unauthorised_absence\":11"));
        assertThat(moved, is(Json.proto(summary("116000", 11))));

        String anotherSchool = Json.report(summary("116001", 10));
        assertThat(anotherSchool, containsString("\"urn\":\"116001\""));
        assertThat(anotherSchool, is(not(first)));
    }

    private static AttendanceSummary summary(String urn, long unauthorised) {
        return AttendanceSummary.newBuilder()
                .setUrn(urn)
                .setOverall(GroupMeasures.newBuilder()
                        .setGroup("all")
                        .setMeasures(SessionTotals.newBuilder()
                                .setPossibleSessions(380)
                                .setUnauthorisedAbsence(unauthorised)))
                .build();
    }
}
