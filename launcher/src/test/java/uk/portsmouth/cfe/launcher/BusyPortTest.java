package uk.portsmouth.cfe.launcher;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import uk.portsmouth.cfe.platform.service.FreePorts;

/**
 * A port already in use ends the launcher at once with one line naming the port and the variable
 * that moves it (a real process, as `./cfe run` starts it), and every port has its variable.
 */
class BusyPortTest {

    @Test
    void aBusyPortEndsTheLauncherWithOneLineSayingHowToMoveIt() throws Exception {
        Path data = Files.createTempDirectory("cfe-busy-port");
        int busy = FreePorts.next();
        try (ServerSocket taken = new ServerSocket(busy)) {
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp",
                    System.getProperty("java.class.path"),
                    Launcher.class.getName()));
            ProcessBuilder launcher = new ProcessBuilder(command).redirectErrorStream(false);
            Map<String, String> environment = launcher.environment();
            environment.put("CFE_STORE", "memory");
            environment.put("CFE_DATA_DIR", data.toString());
            // every other port free, so the busy one is the one it must name
            for (Launcher.Port port : Launcher.PORTS) {
                environment.put(port.variable(), "0");
            }
            environment.put("ATTENDANCE_OBSERVE_PORT", String.valueOf(busy));
            Process process = launcher.start();
            assertThat("ended within seconds", process.waitFor(60, TimeUnit.SECONDS), is(true));
            String errors = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            assertThat(process.exitValue(), is(2));
            assertThat(errors, errors.lines().count(), is(1L));
            assertThat(errors, containsString("port " + busy));
            assertThat(errors, containsString("ATTENDANCE_OBSERVE_PORT="));
        }
    }

    @Test
    void everyPortHasItsVariable() throws IOException {
        String configuration = Files.readString(Path.of("../docs/configuration.md"));
        String readme = Files.readString(Path.of("../README.md"));
        for (Launcher.Port port : Launcher.PORTS) {
            assertThat(port.variable(), configuration, containsString(port.variable()));
            assertThat(port.variable(), readme, containsString(port.variable()));
        }
    }
}
