package uk.portsmouth.cfe.gateway.http;

import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * How many callers' requests this gateway is answering now: the background work (webhook
 * deliveries) yields to them, so a caller's write is not slowed by the deliveries it caused.
 */
public final class RequestsInFlight {

    private final AtomicInteger now = new AtomicInteger();

    public void filter(FilterChain chain, RoutingRequest request, RoutingResponse response) {
        now.incrementAndGet();
        try {
            chain.proceed();
        } finally {
            now.decrementAndGet();
        }
    }

    public int now() {
        return now.get();
    }
}
