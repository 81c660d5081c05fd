package uk.portsmouth.cfe.gateway.auth;

import io.grpc.stub.AbstractStub;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import java.util.Collection;
import java.util.Optional;
import uk.portsmouth.cfe.gateway.http.ProblemException;
import uk.portsmouth.cfe.gateway.http.Problems;
import uk.portsmouth.cfe.gateway.http.RequestContext;
import uk.portsmouth.cfe.platform.grpc.CallerContexts;
import uk.portsmouth.cfe.platform.reference.Roles;
import uk.portsmouth.cfe.proto.common.v1.CallerContext;

/**
 * Route-level access: who is calling (from the bearer token) and whether their role may call the
 * route. Object-level decisions are the owning service's, which gets the caller with every call.
 */
public final class Authenticator {

    private static final String VERIFIED_CALLER = "cfe-verified-caller";
    private static final HeaderName PURPOSE = HeaderNames.create("X-Purpose");

    private final Tokens tokens;
    private final ClientRegistry clients;

    public Authenticator(Tokens tokens, ClientRegistry clients) {
        this.tokens = tokens;
        this.clients = clients;
    }

    /** The caller, or empty for a request with no Authorization header. A bad token is never ignored. */
    public Optional<Caller> caller(ServerRequest request) {
        Optional<Caller> verified = request.context().get(VERIFIED_CALLER, Caller.class);
        if (verified.isPresent()) {
            return verified;
        }
        Optional<String> header = request.headers().first(HeaderNames.AUTHORIZATION);
        if (header.isEmpty()) {
            return Optional.empty();
        }
        String value = header.get().strip();
        if (!value.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw Problems.invalidToken("Use the Bearer scheme: Authorization: Bearer <token>");
        }
        Caller caller;
        try {
            caller = tokens.verify(value.substring(7).strip());
        } catch (Tokens.UnplacedPersonException e) {
            throw Problems.forbidden(e.getMessage()); // a good token: signing in again would not help
        } catch (Tokens.ProviderUnavailableException e) {
            throw Problems.unavailable(e.getMessage());
        } catch (Tokens.InvalidTokenException e) {
            throw Problems.invalidToken(e.getMessage());
        }
        // a token outlives nothing: the client's suspension or revocation ends it at once
        if (clients.refused(caller.clientId())) {
            throw Problems.invalidToken("the client's access is suspended or revoked");
        }
        return Optional.of(caller);
    }

    /**
     * The caller of a request whose token verifies, remembered for the route (verified once); empty
     * without a valid bearer token (the route then answers as it must).
     */
    public Optional<Caller> verifiedCaller(ServerRequest request) {
        try {
            Optional<Caller> caller = caller(request);
            caller.ifPresent(c -> request.context().register(VERIFIED_CALLER, c));
            return caller;
        } catch (ProblemException invalid) {
            return Optional.empty();
        }
    }

    /** The caller, who must hold one of {@code roles}: 401 without a token, 403 with the wrong role. */
    public Caller require(ServerRequest request, Collection<String> roles) {
        Caller caller = caller(request).orElseThrow(() -> Problems.unauthenticated("This route needs a bearer token"));
        if (!caller.hasAnyRole(roles)) {
            throw Problems.forbidden("This route needs one of the roles " + String.join(", ", roles));
        }
        return caller;
    }

    /** Why the caller is looking, where they said ({@code X-Purpose}): kept in the audit trail. */
    private static String purpose(ServerRequest request) {
        String purpose = request.headers().first(PURPOSE).orElse("").strip();
        if (purpose.length() > 200 || !purpose.codePoints().allMatch(c -> c >= 0x20 && c != 0x7f)) {
            throw Problems.invalidParameter("X-Purpose", "X-Purpose is at most 200 printable characters");
        }
        return purpose;
    }

    /** {@code stub}, calling as the caller of {@code request} (anonymous when there is none). */
    public <S extends AbstractStub<S>> S on(S stub, ServerRequest request, Optional<Caller> caller) {
        return CallerContexts.attach(stub, context(request, caller));
    }

    /**
     * {@code stub}, calling as the caller of {@code request}, who must hold one of {@code roles} (401 / 403
     * otherwise).
     */
    public <S extends AbstractStub<S>> S onBehalfOf(S stub, ServerRequest request, Collection<String> roles) {
        return on(stub, request, Optional.of(require(request, roles)));
    }

    /**
     * {@code stub}, calling for school {@code urn}: the LA, or a school client acting for that
     * school. Refused (401 / 403) before anything of the request is read, so a school's client
     * learns nothing about another school from how its request is checked.
     */
    public <S extends AbstractStub<S>> S forSchool(S stub, ServerRequest request, String urn) {
        Caller caller = require(request, Roles.SCHOOL_OR_LA);
        if (!caller.hasAnyRole(Roles.LA) && !caller.schoolUrns().contains(urn)) {
            throw Problems.forbidden("A school's client acts for its own schools only");
        }
        return on(stub, request, Optional.of(caller));
    }

    /**
     * {@code stub}, calling as a person whose token has just verified, while the gateway finds out
     * who they are (before any request of theirs is served: no correlation id or purpose yet).
     */
    static <S extends AbstractStub<S>> S whileSigningIn(S stub, Caller person) {
        return CallerContexts.attach(
                stub,
                CallerContext.newBuilder()
                        .setCorrelationId(java.util.UUID.randomUUID().toString())
                        .setSubject(person.subject())
                        .setClientId(person.clientId())
                        .setDisplayName(person.name())
                        .addAllRoles(person.roles())
                        .addAllSchoolUrns(person.schoolUrns())
                        .setIssuer(person.issuer())
                        .build());
    }

    /** What the services are told about the caller of {@code request} (anonymous when there is no token). */
    public CallerContext context(ServerRequest request, Optional<Caller> caller) {
        CallerContext.Builder context = CallerContext.newBuilder()
                .setCorrelationId(RequestContext.correlationId(request))
                .setPurpose(purpose(request));
        caller.ifPresentOrElse(
                c -> context.setSubject(c.subject())
                        .setClientId(c.clientId())
                        .setDisplayName(c.name())
                        .addAllRoles(c.roles())
                        .addAllSchoolUrns(c.schoolUrns())
                        .setProfessionalId(c.professionalId())
                        .setIssuer(c.issuer()),
                () -> context.setSubject("anonymous"));
        return context.build();
    }
}
