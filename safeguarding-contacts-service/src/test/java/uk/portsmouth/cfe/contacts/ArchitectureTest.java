package uk.portsmouth.cfe.contacts;

import org.junit.jupiter.api.Test;
import uk.portsmouth.cfe.platform.testing.ArchitectureRules;

/** The domain holds rules only (no database, transport or web-server types); stores know no transport. */
class ArchitectureTest {

    @Test
    void layersStayHonest() {
        ArchitectureRules.check("uk.portsmouth.cfe.contacts", "net.fortuna.ical4j..");
    }
}
