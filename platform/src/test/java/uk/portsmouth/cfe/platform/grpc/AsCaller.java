package uk.portsmouth.cfe.platform.grpc;

import io.grpc.Context;
import java.util.List;
import java.util.function.Supplier;
import uk.portsmouth.cfe.proto.common.v1.CallerContext;

/**
 * Runs a use case as a caller, as the verified assertion of a gRPC call would set it, so that a
 * service's app layer is tested directly, without a server or a channel.
 */
public final class AsCaller {

    private AsCaller() {}

    /** {@code useCase}'s answer when {@code caller} calls it. */
    public static <T> T call(CallerContext caller, Supplier<T> useCase) {
        Context previous =
                Context.current().withValue(CallerContexts.CALLER, caller).attach();
        try {
            return useCase.get();
        } finally {
            Context.current().detach(previous);
        }
    }

    /** A caller with {@code roles} (and, for a school, the URNs it acts for). */
    public static CallerContext of(String subject, List<String> roles, String... schoolUrns) {
        return CallerContext.newBuilder()
                .setSubject(subject)
                .setClientId(subject)
                .addAllRoles(roles)
                .addAllSchoolUrns(List.of(schoolUrns))
                .build();
    }
}
