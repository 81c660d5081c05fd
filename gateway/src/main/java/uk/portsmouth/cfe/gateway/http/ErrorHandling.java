package uk.portsmouth.cfe.gateway.http;

import io.grpc.StatusRuntimeException;
import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.http.RequestException;
import io.helidon.http.Status;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import uk.portsmouth.cfe.gateway.openapi.DocumentedRoutes;
import uk.portsmouth.cfe.platform.errors.InvalidInputException;
import uk.portsmouth.cfe.platform.grpc.GrpcErrors;

/**
 * Every failure leaves the gateway as RFC 9457 problem+json: problems as raised, gRPC statuses
 * mapped, anything unexpected as a bare 500 (logged here, never a stack trace to the caller).
 */
public final class ErrorHandling {

    private static final Logger LOGGER = Logger.getLogger(ErrorHandling.class.getName());
    private static final int MAX_ERRORS = 50;
    private static final int MAX_TEXT = 300;

    private ErrorHandling() {}

    /** Every failure as a problem; {@code observer} sees each problem the gateway raised itself (to audit refusals). */
    public static void register(
            HttpRouting.Builder routing,
            DocumentedRoutes routes,
            BiConsumer<ServerRequest, ProblemException> observer) {
        routing.error(ProblemException.class, (req, res, problem) -> {
                    observer.accept(req, problem);
                    send(req, res, problem);
                })
                .error(StatusRuntimeException.class, (req, res, e) -> send(req, res, Problems.from(e)))
                .error(RequestException.class, (req, res, e) -> send(req, res, fromHelidon(e)))
                // the platform's own checks (paging) run in the gateway too, not only behind gRPC
                .error(
                        InvalidInputException.class,
                        (req, res, e) -> send(req, res, Problems.invalid(e.getMessage(), e.errors())))
                .error(Exception.class, (req, res, e) -> {
                    if (GrpcErrors.storeNotAnswering(e)) {
                        // the gateway's own store (keys, budgets, clients) slow or between primaries: come back
                        send(
                                req,
                                res,
                                Problems.unavailable("The platform's store is not answering; try again shortly"));
                        return;
                    }
                    LOGGER.log(
                            Level.SEVERE,
                            // the route's template, never the path: a path can hold a child's UPN
                            "Unexpected failure on " + req.prologue().method().text() + " "
                                    + routes.templateOf(req.path().path()).orElse("(undocumented)")
                                    + " (correlation id " + RequestContext.correlationId(req) + ")",
                            e);
                    send(req, res, Problems.internal());
                });
    }

    /**
     * Answers requests no route took: a documented path with a method the document does not give
     * it is 405 with {@code Allow}, and a plain {@code OPTIONS} there is 204 with {@code Allow};
     * anything else 404. CORS preflights never get here ({@link Cors}
     * answers them first); health and metrics are on the management port only.
     */
    public static Handler unrouted(DocumentedRoutes routes) {
        return (request, response) -> {
            Optional<Set<String>> methods = routes.methodsOf(request.path().path());
            if (request.prologue().method() == Method.OPTIONS && methods.isPresent()) {
                // a preflight was answered by the CORS filter before routing: this is a plain OPTIONS
                response.status(Status.NO_CONTENT_204)
                        .header(HeaderNames.ALLOW, HeadRequests.allow(methods.get()) + ", OPTIONS")
                        .send();
                return;
            }
            if (methods.isPresent()) {
                send(request, response, Problems.methodNotAllowed(HeadRequests.allow(methods.get())));
                return;
            }
            send(
                    request,
                    response,
                    Problems.notFound(
                            "There is no resource at " + request.path().path()));
        };
    }

    public static void send(ServerRequest request, ServerResponse response, ProblemException problem) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", problem.type());
        body.put("title", problem.title());
        body.put("status", problem.status());
        body.put("detail", bounded(String.valueOf(problem.getMessage())));
        body.put("instance", request.path().absolute().path());
        body.put("correlation_id", RequestContext.correlationId(request));
        if (!problem.errors().isEmpty()) {
            // bounded: a batch with thousands of bad fields gets the first ones and a count of the rest
            body.put(
                    "errors",
                    problem.errors().stream()
                            .limit(MAX_ERRORS)
                            .map(e -> Map.of(kind(e.field()), bounded(e.field()), "detail", bounded(e.message())))
                            .toList());
            if (problem.errors().size() > MAX_ERRORS) {
                body.put("errors_not_shown", problem.errors().size() - MAX_ERRORS);
            }
        }
        body.putAll(problem.extensions());
        problem.headers().forEach(response::header);
        // an error is about this request at this moment: no shared cache may serve it to anyone else
        response.header(HeaderNames.CACHE_CONTROL, "no-store");
        response.status(Status.create(problem.status())).header(HeaderNames.CONTENT_TYPE, "application/problem+json");
        HeadRequests.send(request, response, Json.write(body));
    }

    /** A short excerpt: no answer echoes much of what was sent. */
    private static String bounded(String text) {
        return text.length() <= MAX_TEXT ? text : text.substring(0, MAX_TEXT) + "…";
    }

    /** Body fields are JSON pointers, headers are capitalised, the rest are query parameters. */
    private static String kind(String field) {
        if (field.startsWith("/")) {
            return "pointer";
        }
        return Character.isUpperCase(field.charAt(0)) ? "header" : "parameter";
    }

    private static ProblemException fromHelidon(RequestException e) {
        int status = e.status().code();
        if (status == 413) {
            return new ProblemException(
                    413,
                    "https://cfe.portsmouth.gov.uk/problems/payload-too-large",
                    "The body is too large",
                    e.getMessage());
        }
        return status >= 500
                ? Problems.internal()
                : new ProblemException(
                        status,
                        "https://cfe.portsmouth.gov.uk/problems/bad-request",
                        e.status().reasonPhrase(),
                        "The request could not be read",
                        List.of());
    }
}
