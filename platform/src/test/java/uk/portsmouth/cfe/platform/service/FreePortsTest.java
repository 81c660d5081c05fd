package uk.portsmouth.cfe.platform.service;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.not;

import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FreePortsTest {

    @Test
    void portsAreBelowTheKernelsOwnRangeNeverRepeatAndCanBeBound() throws Exception {
        Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < 50; i++) {
            int port = FreePorts.next();
            assertThat(port, greaterThanOrEqualTo(20_000));
            assertThat(port, lessThan(32_768));
            assertThat("port " + port + " handed out twice", seen.add(port), is(true));
            try (ServerSocket bound = new ServerSocket(port)) {
                assertThat(bound.getLocalPort(), is(port));
            }
        }
    }

    @Test
    void aPortSomethingListensOnIsSkipped() throws Exception {
        int first = FreePorts.next();
        // the next port in the walk is taken: it must not be handed out
        try (ServerSocket taken = new ServerSocket(first + 1)) {
            assertThat(FreePorts.next(), is(not(first + 1)));
        }
    }
}
