package uk.portsmouth.cfe.platform.grpc;

import io.grpc.MethodDescriptor;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Which calls a service accepts from other services: as themselves (e.g. the FSP lookup only from
 * attendance-service), or passing on an end user (e.g. scheduling a Severely Absent Meeting from
 * attendance-service). Everything not listed is refused; the gateway's calls are not listed here
 * (the gateway speaks for end users, whom each handler checks).
 */
public final class ServiceCalls {

    private final Map<String, Set<String>> asThemselves = new HashMap<>();
    private final Map<String, Set<String>> forUsers = new HashMap<>();

    /** {@code service} may call {@code methods} as itself. */
    public ServiceCalls asItself(String service, MethodDescriptor<?, ?>... methods) {
        add(asThemselves, service, methods);
        return this;
    }

    /** {@code service} may call {@code methods} for the end user it is serving. */
    public ServiceCalls forItsUsers(String service, MethodDescriptor<?, ?>... methods) {
        add(forUsers, service, methods);
        return this;
    }

    boolean allowsAsItself(String service, String method) {
        return asThemselves.getOrDefault(method, Set.of()).contains(service);
    }

    boolean allowsForUsers(String service, String method) {
        return forUsers.getOrDefault(method, Set.of()).contains(service);
    }

    private static void add(Map<String, Set<String>> table, String service, MethodDescriptor<?, ?>... methods) {
        for (MethodDescriptor<?, ?> method : methods) {
            table.computeIfAbsent(method.getFullMethodName(), m -> new HashSet<>())
                    .add(service);
        }
    }
}
