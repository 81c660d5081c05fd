package uk.portsmouth.cfe.gateway.dataprotection;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import uk.portsmouth.cfe.gateway.auth.Authenticator;
import uk.portsmouth.cfe.gateway.auth.Caller;
import uk.portsmouth.cfe.gateway.http.Json;
import uk.portsmouth.cfe.platform.audit.AuditLog;
import uk.portsmouth.cfe.platform.audit.AuditSubjects;
import uk.portsmouth.cfe.platform.retention.Retention;
import uk.portsmouth.cfe.proto.common.v1.RetentionGrpc.RetentionBlockingStub;
import uk.portsmouth.cfe.proto.common.v1.RetentionReport;
import uk.portsmouth.cfe.proto.common.v1.RetentionReportRequest;

/**
 * {@code GET /v1/retention}: what the gateway's and every service's retention job would remove now, kind by kind
 * (a dry run); {@code POST /v1/retention/run}: run it now, after reviewing the dry run (it also
 * runs on its own schedule). For the data protection officer; a run is audited by each service
 * (what it removed) and by the gateway (who asked).
 */
public final class RetentionRoutes implements HttpService {

    /** Where the gateway mounts these routes (docs/architecture.md, "Route index"). */
    public static final String PREFIX = "/v1/retention";

    private final Map<String, RetentionBlockingStub> jobs;
    private final Retention gatewayRetention;
    private final AuditLog gatewayAudit;
    private final Authenticator authenticator;

    public RetentionRoutes(
            Map<String, RetentionBlockingStub> jobs,
            Retention gatewayRetention,
            AuditLog gatewayAudit,
            Authenticator authenticator) {
        this.jobs = Map.copyOf(jobs);
        this.gatewayRetention = gatewayRetention;
        this.gatewayAudit = gatewayAudit;
        this.authenticator = authenticator;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", (req, res) -> answer(req, res, false)).post("/run", (req, res) -> answer(req, res, true));
    }

    private void answer(ServerRequest req, ServerResponse res, boolean run) {
        Caller dpo = authenticator.require(req, AuditRoutes.DPO);
        BiFunction<RetentionBlockingStub, RetentionReportRequest, RetentionReport> call =
                run ? RetentionBlockingStub::runRetention : RetentionBlockingStub::reportRetention;
        List<Object> services = new ArrayList<>();
        // the gateway's own audit trail first, then each service's records
        services.add(Json.tree(run ? gatewayRetention.runNow() : gatewayRetention.report()));
        List<String> unavailable = new ArrayList<>();
        jobs.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(job -> {
            try {
                services.add(Json.tree(call.apply(
                        authenticator.on(job.getValue(), req, Optional.of(dpo)).withDeadlineAfter(60, TimeUnit.SECONDS),
                        RetentionReportRequest.getDefaultInstance())));
            } catch (RuntimeException e) {
                unavailable.add(job.getKey());
            }
        });
        gatewayAudit.record(
                authenticator.context(req, Optional.of(dpo)),
                run ? "run-retention" : "read-retention",
                unavailable.isEmpty() ? "every service" : "unavailable " + unavailable,
                AuditSubjects.of("record_kind", "all"));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("services", services);
        body.put("partial", !unavailable.isEmpty());
        body.put("unavailable_services", unavailable);
        Json.ok(req, res, Json.write(body));
    }
}
