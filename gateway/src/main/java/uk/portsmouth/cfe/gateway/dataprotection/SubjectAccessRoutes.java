package uk.portsmouth.cfe.gateway.dataprotection;

import com.fasterxml.jackson.databind.JsonNode;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import uk.portsmouth.cfe.gateway.auth.Authenticator;
import uk.portsmouth.cfe.gateway.auth.Caller;
import uk.portsmouth.cfe.gateway.http.HeadRequests;
import uk.portsmouth.cfe.gateway.http.Json;
import uk.portsmouth.cfe.gateway.http.Problems;
import uk.portsmouth.cfe.gateway.http.QueryParams;
import uk.portsmouth.cfe.platform.audit.AuditLog;
import uk.portsmouth.cfe.platform.audit.AuditSubjects;
import uk.portsmouth.cfe.platform.identifiers.Upns;
import uk.portsmouth.cfe.proto.common.v1.AuditEvent;
import uk.portsmouth.cfe.proto.common.v1.AuditQuery;
import uk.portsmouth.cfe.proto.common.v1.AuditSubject;
import uk.portsmouth.cfe.proto.common.v1.KnownAs;
import uk.portsmouth.cfe.proto.common.v1.SignedInPerson;
import uk.portsmouth.cfe.proto.common.v1.SubjectAccessGrpc.SubjectAccessBlockingStub;
import uk.portsmouth.cfe.proto.common.v1.SubjectAccessRequest;
import uk.portsmouth.cfe.proto.common.v1.SubjectRecordSet;
import uk.portsmouth.cfe.proto.common.v1.SubjectRecords;

/**
 * {@code GET /v1/subject-access?upn=...} (or {@code ?person_id=<plan>/<person>}): everything the
 * platform holds about one child or person, from every service that holds personal data, with the
 * audit trail of who accessed it; JSON, or a readable PDF ({@code format=pdf}). A service that does
 * not answer is named and the answer marked {@code complete: false}: never silently incomplete.
 * Every service is asked twice: by UPN (or person), then by the names and birth dates the first
 * answers gave the subject, for records that name a child without a UPN (MET bookings).
 * {@code ?signed_in=<subject>&issuer=<provider>}: a person who signs in, for what they made here
 * and what they did. For the data protection officer only; the request itself is audited.
 */
public final class SubjectAccessRoutes implements HttpService {

    /** Where the gateway mounts these routes (docs/architecture.md, "Route index"). */
    public static final String PREFIX = "/v1/subject-access";

    private static final String FSP = "fsp-service";
    /** The most audit events one answer lists (the newest); the DPO pages /v1/audit for the rest. */
    private static final int MAX_TRAIL = 1_000;

    private final Map<String, SubjectAccessBlockingStub> sources;
    private final AuditTrails trails;
    private final AuditLog gatewayAudit;
    private final Authenticator authenticator;
    private final Clock clock;
    private final ExecutorService fanOut = Executors.newVirtualThreadPerTaskExecutor();

    /** {@code sources}: every service holding personal data, by name (one of them fsp-service). */
    public SubjectAccessRoutes(
            Map<String, SubjectAccessBlockingStub> sources,
            AuditTrails trails,
            AuditLog gatewayAudit,
            Authenticator authenticator,
            Clock clock) {
        this.sources = Map.copyOf(sources);
        this.trails = trails;
        this.gatewayAudit = gatewayAudit;
        this.authenticator = authenticator;
        this.clock = clock;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", this::answer);
    }

    private void answer(ServerRequest req, ServerResponse res) {
        Caller dpo = authenticator.require(req, AuditRoutes.DPO);
        String upn = QueryParams.text(req, "upn");
        String personId = QueryParams.text(req, "person_id");
        String signedIn = QueryParams.text(req, "signed_in");
        String issuer = QueryParams.text(req, "issuer");
        String format = QueryParams.text(req, "format");
        if (Stream.of(upn, personId, signedIn).filter(given -> !given.isEmpty()).count() != 1) {
            throw Problems.invalidParameter("upn", "give one of upn, person_id or signed_in (with issuer)");
        }
        if (signedIn.isEmpty() != issuer.isEmpty()) {
            throw Problems.invalidParameter(
                    "issuer",
                    "a signed-in person is named by their subject at their provider (signed_in) and its issuer");
        }
        if (!upn.isEmpty() && !Upns.isValid(upn)) {
            throw Problems.invalidParameter("upn", "not a valid UPN (13 characters with a correct check letter)");
        }
        if (!personId.isEmpty() && !personId.matches("[A-Za-z0-9_.-]{1,100}/[A-Za-z0-9_.-]{1,100}")) {
            throw Problems.invalidParameter(
                    "person_id", "person_id is <plan id>/<person id>, e.g. fsp-demo-overdue/child-1");
        }
        if (!format.isEmpty() && !format.equals("json") && !format.equals("pdf")) {
            throw Problems.invalidParameter("format", "format is json or pdf");
        }
        if (!signedIn.isEmpty()) {
            answerSignedIn(req, res, dpo, signedIn, issuer, format);
            return;
        }

        List<SubjectRecords> answers = new ArrayList<>();
        List<String> unavailable = new ArrayList<>();
        Set<String> upns = new LinkedHashSet<>();
        if (!personId.isEmpty()) {
            // a person is known to the plans alone; a child among them brings their UPN for the rest
            ask(
                    req,
                    dpo,
                    Map.of(FSP, sources.get(FSP)),
                    SubjectAccessRequest.newBuilder().setPersonId(personId).build(),
                    answers,
                    unavailable);
            answers.forEach(found -> upns.addAll(found.getUpnsList()));
        } else {
            upns.add(upn);
        }
        for (String childUpn : upns) {
            Map<String, SubjectAccessBlockingStub> asked = new LinkedHashMap<>(sources);
            if (!personId.isEmpty()) {
                asked.remove(FSP); // asked already, by person
            }
            ask(
                    req,
                    dpo,
                    asked,
                    SubjectAccessRequest.newBuilder().setUpn(childUpn).build(),
                    answers,
                    unavailable);
        }
        // then by the names and birth dates those records give: a MET booking names a child, no UPN
        List<KnownAs> knownAs = answers.stream()
                .flatMap(answer -> answer.getKnownAsList().stream())
                .distinct()
                .toList();
        ask(
                req,
                dpo,
                sources,
                SubjectAccessRequest.newBuilder().addAllKnownAs(knownAs).build(),
                answers,
                unavailable);

        AuditSubject subject = upns.isEmpty()
                ? AuditSubjects.person(personId)
                : AuditSubjects.upn(upns.iterator().next());
        List<AuditEvent> trail = new ArrayList<>();
        boolean truncated = trail(req, dpo, AuditQuery.newBuilder().setSubject(subject), trail, unavailable);
        gatewayAudit.record(
                authenticator.context(req, Optional.of(dpo)),
                "subject-access",
                (unavailable.isEmpty() ? "complete" : "partial: unavailable " + unavailable) + "; format "
                        + (format.isEmpty() ? "json" : format),
                subjects(upn, personId, upns));

        send(
                req,
                res,
                upn.isEmpty() ? Map.of("person_id", personId, "upns", upns) : Map.of("upn", upn),
                upn.isEmpty() ? "person" : upn,
                format,
                answers,
                unavailable,
                trail,
                truncated);
    }

    /**
     * A person who signs in through an identity provider: what they made that holds their personal
     * data (registrations, bookings, their directory entry), and the audit trail of what was done
     * about them and what they did, through that provider.
     */
    private void answerSignedIn(
            ServerRequest req, ServerResponse res, Caller dpo, String signedIn, String issuer, String format) {
        SignedInPerson person = SignedInPerson.newBuilder()
                .setIssuer(issuer)
                .setSubject(signedIn)
                .build();
        List<SubjectRecords> answers = new ArrayList<>();
        List<String> unavailable = new ArrayList<>();
        ask(
                req,
                dpo,
                sources,
                SubjectAccessRequest.newBuilder().setSignedIn(person).build(),
                answers,
                unavailable);
        List<AuditEvent> trail = new ArrayList<>();
        boolean truncated =
                trail(req, dpo, AuditQuery.newBuilder().setSubject(AuditSubjects.user(signedIn)), trail, unavailable);
        // and what they did: events they were the caller of, through this provider
        List<AuditEvent> done = new ArrayList<>();
        truncated |= trail(req, dpo, AuditQuery.newBuilder().setCaller(signedIn), done, unavailable);
        Set<String> seen = new java.util.HashSet<>();
        trail.forEach(event -> seen.add(event.getService() + "/" + event.getId()));
        done.stream()
                .filter(event -> event.getCallerIssuer().equals(issuer))
                .filter(event -> seen.add(event.getService() + "/" + event.getId()))
                .forEach(trail::add);
        trail.sort(java.util.Comparator.comparing(AuditEvent::getAt).reversed());
        gatewayAudit.record(
                authenticator.context(req, Optional.of(dpo)),
                "subject-access",
                (unavailable.isEmpty() ? "complete" : "partial: unavailable " + unavailable) + "; signed in through "
                        + issuer + "; format " + (format.isEmpty() ? "json" : format),
                List.of(AuditSubjects.user(signedIn)));
        send(
                req,
                res,
                Map.of("signed_in", Map.of("issuer", issuer, "subject", signedIn)),
                "person",
                format,
                answers,
                unavailable,
                trail,
                truncated);
    }

    /** The answer: what each service holds, who accessed it; JSON, or a PDF named {@code fileName}. */
    private void send(
            ServerRequest req,
            ServerResponse res,
            Map<String, ?> subject,
            String fileName,
            String format,
            List<SubjectRecords> answers,
            List<String> unavailable,
            List<AuditEvent> trail,
            boolean truncated) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("subject", subject);
        body.put("generated_at", clock.instant().toString());
        body.put("complete", unavailable.isEmpty());
        body.put("unavailable_services", unavailable.stream().distinct().toList());
        List<Map<String, Object>> records = new ArrayList<>();
        for (SubjectRecords answer : answers) {
            for (SubjectRecordSet set : answer.getSetsList()) {
                Map<String, Object> shown = new LinkedHashMap<>();
                shown.put("service", answer.getService());
                shown.put("kind", set.getKind());
                shown.put("description", set.getDescription());
                shown.put(
                        "records", set.getRecordsList().stream().map(Json::tree).toList());
                records.add(shown);
            }
        }
        body.put("records", records);
        body.put("audit_trail", trail.stream().map(Json::tree).toList());
        body.put("audit_trail_truncated", truncated);
        if (format.equals("pdf")) {
            JsonNode tree = Json.MAPPER.valueToTree(body);
            res.header(HeaderNames.CONTENT_TYPE, "application/pdf")
                    .header(
                            HeaderNames.CONTENT_DISPOSITION,
                            "attachment; filename=\"subject-access-" + fileName + ".pdf\"");
            HeadRequests.send(req, res, SubjectAccessPdf.render(tree));
        } else {
            Json.ok(req, res, Json.write(body));
        }
    }

    /** Each service's answer to {@code request} into {@code answers}; a service that did not answer into {@code unavailable}. */
    private void ask(
            ServerRequest req,
            Caller dpo,
            Map<String, SubjectAccessBlockingStub> services,
            SubjectAccessRequest request,
            List<SubjectRecords> answers,
            List<String> unavailable) {
        Map<String, CompletableFuture<SubjectRecords>> asked = new LinkedHashMap<>();
        services.forEach((name, stub) -> asked.put(
                name,
                CompletableFuture.supplyAsync(
                        () -> authenticator
                                .on(stub, req, Optional.of(dpo))
                                .withDeadlineAfter(10, TimeUnit.SECONDS)
                                .findSubjectRecords(request),
                        fanOut)));
        asked.forEach((name, answer) -> {
            try {
                answers.add(answer.join());
            } catch (RuntimeException e) {
                unavailable.add(name);
            }
        });
    }

    /** The newest events {@code query} finds into {@code trail}; true when there were more than it holds. */
    private boolean trail(
            ServerRequest req, Caller dpo, AuditQuery.Builder query, List<AuditEvent> trail, List<String> unavailable) {
        query.setLimit(AuditLog.MAX_LIMIT);
        Optional<String> cursor = Optional.empty();
        while (trail.size() < MAX_TRAIL) {
            AuditTrails.Found page = trails.search(req, dpo, query, cursor, "");
            page.unavailable().forEach(service -> unavailable.add(service + " (audit trail)"));
            trail.addAll(page.events());
            if (!page.more() || page.events().isEmpty()) {
                return false;
            }
            cursor = Optional.of(
                    AuditTrails.cursorAfter(page.events().get(page.events().size() - 1)));
        }
        return true;
    }

    private static List<AuditSubject> subjects(String upn, String personId, Set<String> upns) {
        List<AuditSubject> subjects = new ArrayList<>();
        if (!personId.isEmpty()) {
            subjects.add(AuditSubjects.person(personId));
        }
        upns.forEach(u -> subjects.add(AuditSubjects.upn(u)));
        if (subjects.isEmpty()) {
            subjects.add(AuditSubjects.upn(upn));
        }
        return subjects;
    }
}
