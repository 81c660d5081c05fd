package uk.portsmouth.cfe.platform.grpc;

import io.grpc.CallOptions;
import io.grpc.Context;
import io.grpc.stub.AbstractStub;
import java.util.Collection;
import java.util.List;
import uk.portsmouth.cfe.platform.errors.ForbiddenException;
import uk.portsmouth.cfe.platform.reference.Roles;
import uk.portsmouth.cfe.proto.common.v1.CallerContext;

/**
 * The caller of the gRPC call being served, as {@link CallerVerifier} verified it, and how a
 * component says whom an outgoing call is for: the gateway attaches the end user
 * ({@link #attach}), a service passes its own caller on ({@link #forwardCaller}) or calls as itself
 * (neither). {@link CallerSigner} turns that into the signed assertion the other side verifies.
 */
public final class CallerContexts {

    /** A caller with no identity: what a service sees for public reads. */
    public static final CallerContext ANONYMOUS =
            CallerContext.newBuilder().setSubject("anonymous").build();
    /** The local authority's roles: they see and decide what the services keep for the LA. */
    public static final List<String> LA_ROLES = List.of(Roles.LA_OFFICER, Roles.LA_ADMIN);

    static final Context.Key<CallerContext> CALLER = Context.key("cfe-caller");
    /** The gateway's assertion the current call arrived with, which this service may pass on. */
    static final Context.Key<String> USER_ASSERTION = Context.key("cfe-user-assertion");

    static final CallOptions.Key<CallerContext> ATTACHED_USER = CallOptions.Key.create("cfe-attached-user");
    static final CallOptions.Key<String> FORWARDED_USER = CallOptions.Key.create("cfe-forwarded-user");

    private CallerContexts() {}

    /** The verified caller of the gRPC call being served on this thread (anonymous outside a call). */
    public static CallerContext current() {
        CallerContext caller = CALLER.get();
        return caller == null ? ANONYMOUS : caller;
    }

    /**
     * The caller of the current call, who must hold one of {@code roles}; otherwise the call fails
     * with {@code PERMISSION_DENIED} saying {@code why}.
     */
    public static CallerContext requireAnyRole(Collection<String> roles, String why) {
        CallerContext caller = current();
        if (!hasAnyRole(caller, roles)) {
            throw new ForbiddenException(why);
        }
        return caller;
    }

    /**
     * The data protection officer, asking through the gateway (never passed on by another service);
     * otherwise the call fails with {@code PERMISSION_DENIED} saying {@code why}.
     */
    public static CallerContext requireDataProtectionOfficer(String why) {
        CallerContext caller = requireAnyRole(List.of(Roles.DPO), why);
        if (!caller.getViaService().isEmpty()) {
            throw new ForbiddenException("The data protection officer's calls come through the gateway only");
        }
        return caller;
    }

    /** The caller of the current call, who must be the service {@code service} acting as itself. */
    public static CallerContext requireService(String service, String why) {
        CallerContext caller = current();
        if (!service.equals(caller.getActingService())) {
            throw new ForbiddenException(why);
        }
        return caller;
    }

    /**
     * The caller of the current call, who must hold one of {@code roles} or be a school's MIS
     * ({@code school} role) acting for {@code urn}; otherwise {@code PERMISSION_DENIED} saying {@code why}.
     */
    public static CallerContext requireOwnSchoolOrRole(String urn, Collection<String> roles, String why) {
        CallerContext caller = current();
        boolean ownSchool = caller.getRolesList().contains(Roles.SCHOOL)
                && caller.getSchoolUrnsList().contains(urn);
        if (!ownSchool && !hasAnyRole(caller, roles)) {
            throw new ForbiddenException(why);
        }
        return caller;
    }

    public static boolean hasAnyRole(CallerContext caller, Collection<String> roles) {
        return caller.getRolesList().stream().anyMatch(roles::contains);
    }

    /** The gateway: every call through the returned stub speaks for {@code caller} (signed by the gateway). */
    public static <S extends AbstractStub<S>> S attach(S stub, CallerContext caller) {
        return stub.withOption(ATTACHED_USER, caller);
    }

    /**
     * A service: every call through the returned stub passes on the end user this service is
     * serving (the gateway's assertion, beside this service's own), so the other service decides
     * for that user and this one learns nothing more than its caller may. Called as itself when
     * the current call has no end user.
     */
    public static <S extends AbstractStub<S>> S forwardCaller(S stub) {
        String assertion = USER_ASSERTION.get();
        return assertion == null ? stub : stub.withOption(FORWARDED_USER, assertion);
    }
}
