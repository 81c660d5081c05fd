package uk.portsmouth.cfe.platform.architecture;

import org.junit.jupiter.api.Test;
import uk.portsmouth.cfe.platform.testing.ArchitectureRules;

class PlatformArchitectureTest {

    @Test
    void platformDependsOnNoService() {
        ArchitectureRules.checkPlatform();
    }
}
