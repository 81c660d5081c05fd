package uk.portsmouth.cfe.platform.retention;

import io.helidon.config.Config;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import java.util.logging.Logger;
import uk.portsmouth.cfe.platform.audit.AuditLog;
import uk.portsmouth.cfe.platform.audit.AuditSubjects;
import uk.portsmouth.cfe.proto.common.v1.CallerContext;
import uk.portsmouth.cfe.proto.common.v1.RetentionDue;
import uk.portsmouth.cfe.proto.common.v1.RetentionReport;

/**
 * A service's retention job: every {@code retention.interval} (PT24H) it removes what each rule
 * says has passed its time, and records in the audit trail what it removed and why; the report
 * says what would go now without removing anything. Periods come from {@code retention.<kind>}
 * (ISO 8601, e.g. P6Y), each rule's default otherwise.
 */
public final class Retention implements AutoCloseable {

    private static final Logger LOGGER = Logger.getLogger(Retention.class.getName());

    private final String service;
    private final List<RetentionRule> rules;
    private final AuditLog audit;
    private final Clock clock;
    private final Duration interval;
    private final AtomicReference<Instant> lastRun = new AtomicReference<>();
    private ScheduledExecutorService schedule;

    private Retention(String service, List<RetentionRule> rules, AuditLog audit, Clock clock, Duration interval) {
        this.service = service;
        this.rules = List.copyOf(rules);
        this.audit = audit;
        this.clock = clock;
        this.interval = interval;
    }

    /** The service's rules, each period as configured under {@code retention.<kind>} (else the rule's own). */
    public static Retention of(String service, Config config, AuditLog audit, Clock clock, RetentionRule... rules) {
        List<RetentionRule> configured = new ArrayList<>();
        for (RetentionRule rule : rules) {
            // retention.attendance-registers in YAML; RETENTION_ATTENDANCE_REGISTERS (retention.attendance.registers)
            // from the environment
            Period period = config.get(rule.kind().replace('_', '-'))
                    .asString()
                    .or(() ->
                            config.get(rule.kind().replace('_', '.')).asString().asOptional())
                    .map(Period::parse)
                    .orElse(rule.keepFor());
            configured.add(new RetentionRule(
                    rule.kind(), rule.description(), period, rule.action(), rule.due(), rule.apply()));
        }
        return new Retention(
                service,
                configured,
                audit,
                clock,
                config.get("interval").as(Duration.class).orElse(Duration.ofHours(24)));
    }

    /** Starts the job: the first run a minute after start, then every interval. */
    public Retention start() {
        schedule = Executors.newSingleThreadScheduledExecutor(Thread.ofVirtual().factory());
        schedule.scheduleWithFixedDelay(this::runQuietly, 60, interval.toSeconds(), TimeUnit.SECONDS);
        return this;
    }

    /** Removes everything past its time now; how many of each kind. */
    public List<RetentionDue> runOnce() {
        Instant now = clock.instant();
        CallerContext job = CallerContext.newBuilder()
                .setSubject("retention-job")
                .setActingService(service)
                .build();
        List<RetentionDue> done = new ArrayList<>();
        for (RetentionRule rule : rules) {
            Instant cutoff = cutoff(rule, now);
            long removed = rule.apply().apply(cutoff);
            done.add(due(rule, cutoff, removed));
            if (removed > 0) {
                audit.record(
                        job,
                        "retention-" + rule.action(),
                        removed + " " + rule.kind() + " past " + rule.keepFor() + " (retention date before " + cutoff
                                + ")",
                        AuditSubjects.of("record_kind", rule.kind()));
            }
        }
        lastRun.set(now);
        return done;
    }

    /** Runs the job now: what it removed, as a report. */
    public RetentionReport runNow() {
        List<RetentionDue> done = runOnce();
        return RetentionReport.newBuilder()
                .setService(service)
                .addAllDue(done)
                .setLastRun(lastRun.get().toString())
                .build();
    }

    /** What would go now, kind by kind; nothing is removed. */
    public RetentionReport report() {
        Instant now = clock.instant();
        RetentionReport.Builder report = RetentionReport.newBuilder().setService(service);
        rules.forEach(rule -> {
            Instant cutoff = cutoff(rule, now);
            report.addDue(due(rule, cutoff, rule.due().apply(cutoff)));
        });
        Instant last = lastRun.get();
        return report.setLastRun(last == null ? "" : last.toString()).build();
    }

    private static Instant cutoff(RetentionRule rule, Instant now) {
        return now.atOffset(ZoneOffset.UTC).minus(rule.keepFor()).toInstant();
    }

    private static RetentionDue due(RetentionRule rule, Instant cutoff, long count) {
        return RetentionDue.newBuilder()
                .setKind(rule.kind())
                .setDescription(rule.description())
                .setKeepFor(rule.keepFor().toString())
                .setCutoff(cutoff.toString())
                .setDue(count)
                .setAction(rule.action())
                .build();
    }

    private void runQuietly() {
        try {
            runOnce();
        } catch (RuntimeException e) {
            // the next run tries again; operators see why this one failed
            LOGGER.log(Level.WARNING, service + ": the retention job failed", e);
        }
    }

    @Override
    public void close() {
        if (schedule != null) {
            schedule.shutdownNow();
        }
    }
}
