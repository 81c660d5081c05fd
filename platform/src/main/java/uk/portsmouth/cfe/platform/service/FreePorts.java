package uk.portsmouth.cfe.platform.service;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A free port to give a component before it starts, when another component must know it first
 * (attendance and contacts call each other). Ports come from below the kernel's ephemeral range:
 * a port the kernel handed out for {@code bind(0)} was free when asked but could be handed out
 * again to the next listener on port 0 or to an outgoing connection before the component binds it
 * (a CI run lost a start to that); the kernel never numbers a socket below that range itself.
 */
public final class FreePorts {

    private static final int LOWEST = 20_000;
    private static final Path EPHEMERAL_RANGE = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
    private static final int HIGHEST = firstEphemeralPort() - 1;
    /** Walks the range from a random start, so ports handed out in one process never repeat. */
    private static final AtomicInteger NEXT =
            new AtomicInteger(ThreadLocalRandom.current().nextInt(HIGHEST - LOWEST + 1));

    private FreePorts() {}

    /** A port nothing on this machine listens on now and the kernel will not hand out itself. */
    public static int next() {
        int span = HIGHEST - LOWEST + 1;
        for (int attempt = 0; attempt < span; attempt++) {
            int port = LOWEST + Math.floorMod(NEXT.getAndIncrement(), span);
            if (isFree(port)) {
                return port;
            }
        }
        throw new IllegalStateException("No free port between " + LOWEST + " and " + HIGHEST);
    }

    /** Whether nothing listens on {@code port} now (any address), so a server may bind it. */
    public static boolean isFree(int port) {
        try (ServerSocket probe = new ServerSocket(port)) {
            return true;
        } catch (IOException taken) {
            return false;
        }
    }

    private static int firstEphemeralPort() {
        try {
            int first =
                    Integer.parseInt(Files.readString(EPHEMERAL_RANGE).trim().split("\\s+")[0]);
            return first > LOWEST + 1_000 ? first : 32_768;
        } catch (IOException | RuntimeException notLinux) {
            return 32_768;
        }
    }
}
