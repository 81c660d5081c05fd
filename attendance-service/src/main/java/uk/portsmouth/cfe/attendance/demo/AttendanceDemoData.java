package uk.portsmouth.cfe.attendance.demo;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.logging.Logger;

import uk.portsmouth.cfe.attendance.domain.SchoolRules;
import uk.portsmouth.cfe.attendance.store.SchoolStore;
import uk.portsmouth.cfe.platform.demo.DemoResources;
import uk.portsmouth.cfe.proto.attendance.v1.School;

/**
 * The demo city's schools ({@code attendance-demo.json}): the mix the guide gives (46 primary,
 * 9 secondary, 1 all-through, 5 special, 1 UTC, 1 college, 4 independent) with invented names and
 * URNs. Loading again adds nothing and never undoes the LA's edits.
 */
public final class AttendanceDemoData {

    private static final Logger LOGGER = Logger.getLogger(AttendanceDemoData.class.getName());
    private static final String RESOURCE = "attendance-demo.json";

    private AttendanceDemoData() {
    }

    /** Adds what is missing; returns how many schools were added. */
    public static int load(SchoolStore schools) {
        String now = Instant.now().truncatedTo(ChronoUnit.MILLIS).toString();
        List<School> demo = DemoResources.list(DemoResources.read(RESOURCE), "schools", School::newBuilder);
        int added = 0;
        for (School school : demo) {
            SchoolRules.validate(school);
            if (schools.insertIfAbsent(school.toBuilder().setLastModified(now).build(), "demo-data")) {
                added++;
            }
        }
        int count = added;
        LOGGER.info(() -> "Attendance demo data: " + count + " schools added");
        return added;
    }
}
