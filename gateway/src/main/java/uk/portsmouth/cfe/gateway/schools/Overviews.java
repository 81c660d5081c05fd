package uk.portsmouth.cfe.gateway.schools;

import com.google.protobuf.Message;
import io.grpc.StatusRuntimeException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import uk.portsmouth.cfe.gateway.http.Json;
import uk.portsmouth.cfe.gateway.http.Problems;

/**
 * The guide's Vulnerable Tracking Portal, what its two routes share: each section is asked of its
 * service at once (virtual threads) and answered as it came back, or as unavailable, so one slow or
 * missing service costs its section, not the page; and the portal's items the platform does not
 * hold yet, named.
 */
final class Overviews {

    /** The portal's items the platform does not hold yet, named so no one mistakes absence for "none". */
    static final List<String> NOT_YET_HELD = List.of(
            "SEND register (SEN support status is on the roll; EHCP only as 'the FSP supports an EHCP application')",
            "suspensions and permanent exclusions",
            "Youth Justice Service involvement",
            "children's social care (child in need, child protection, looked after)");

    private final ExecutorService fanOut = Executors.newVirtualThreadPerTaskExecutor();

    CompletableFuture<Object> section(Supplier<Object> ask) {
        return CompletableFuture.supplyAsync(ask, fanOut);
    }

    /**
     * Each section's answer; a service that did not answer leaves its section unavailable, but a
     * refusal or a missing pupil is the answer to the whole request.
     */
    static Map<String, Object> answers(Map<String, CompletableFuture<Object>> sections) {
        Map<String, Object> body = new LinkedHashMap<>();
        for (Map.Entry<String, CompletableFuture<Object>> section : sections.entrySet()) {
            try {
                Object value = section.getValue().join();
                body.put(section.getKey(), value instanceof Message message ? Json.tree(message) : value);
            } catch (CompletionException e) {
                if (e.getCause() instanceof StatusRuntimeException grpc && !unavailable(grpc)) {
                    throw Problems.from(grpc);
                }
                if (!(e.getCause() instanceof StatusRuntimeException)) {
                    throw e;
                }
                body.put(section.getKey(), Map.of("available", false));
            }
        }
        return body;
    }

    static boolean unavailable(StatusRuntimeException error) {
        return switch (error.getStatus().getCode()) {
            case UNAVAILABLE, DEADLINE_EXCEEDED, CANCELLED -> true;
            default -> false;
        };
    }
}
