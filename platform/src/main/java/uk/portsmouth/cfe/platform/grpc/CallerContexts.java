package uk.portsmouth.cfe.platform.grpc;

import java.util.Collection;
import java.util.List;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.protobuf.ProtoUtils;
import io.grpc.stub.AbstractStub;
import io.grpc.stub.MetadataUtils;
import uk.portsmouth.cfe.platform.errors.ForbiddenException;
import uk.portsmouth.cfe.proto.common.v1.CallerContext;

/**
 * Carries the caller (identity, roles, school URNs, professional id, correlation id) from the
 * gateway to the services as binary metadata, and makes it available to service code.
 */
public final class CallerContexts {

    /** The metadata header holding the serialized {@link CallerContext}. */
    public static final Metadata.Key<CallerContext> METADATA_KEY =
            Metadata.Key.of("cfe-caller-bin", ProtoUtils.metadataMarshaller(CallerContext.getDefaultInstance()));

    private static final Context.Key<CallerContext> CONTEXT_KEY = Context.key("cfe-caller");

    /** A caller with no identity: what a service sees for public reads. */
    public static final CallerContext ANONYMOUS = CallerContext.newBuilder().setSubject("anonymous").build();
    /** The local authority's roles: they see and decide what the services keep for the LA. */
    public static final List<String> LA_ROLES = List.of("la_officer", "la_admin");

    private CallerContexts() {
    }

    /** The caller of the gRPC call being served on this thread; anonymous when none was sent. */
    public static CallerContext current() {
        CallerContext caller = CONTEXT_KEY.get();
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
     * The caller of the current call, who must hold one of {@code roles} or be a school's MIS
     * ({@code school} role) acting for {@code urn}; otherwise {@code PERMISSION_DENIED} saying {@code why}.
     */
    public static CallerContext requireOwnSchoolOrRole(String urn, Collection<String> roles, String why) {
        CallerContext caller = current();
        boolean ownSchool = caller.getRolesList().contains("school") && caller.getSchoolUrnsList().contains(urn);
        if (!ownSchool && !hasAnyRole(caller, roles)) {
            throw new ForbiddenException(why);
        }
        return caller;
    }

    public static boolean hasAnyRole(CallerContext caller, Collection<String> roles) {
        return caller.getRolesList().stream().anyMatch(roles::contains);
    }

    /** Sends {@code caller} with every call made through the returned stub. */
    public static <S extends AbstractStub<S>> S attach(S stub, CallerContext caller) {
        Metadata headers = new Metadata();
        headers.put(METADATA_KEY, caller);
        return stub.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
    }

    /** Server side: reads the caller from the metadata into the call's {@link Context}. */
    public static ServerInterceptor serverInterceptor() {
        return new ServerInterceptor() {
            @Override
            public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call,
                                                               Metadata headers,
                                                               ServerCallHandler<Q, R> next) {
                CallerContext caller = headers.get(METADATA_KEY);
                Context context = Context.current().withValue(CONTEXT_KEY, caller == null ? ANONYMOUS : caller);
                return Contexts.interceptCall(context, call, headers, next);
            }
        };
    }
}
