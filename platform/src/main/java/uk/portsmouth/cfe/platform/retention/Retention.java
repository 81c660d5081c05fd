package uk.portsmouth.cfe.platform.retention;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.lte;
import static com.mongodb.client.model.Updates.max;
import static com.mongodb.client.model.Updates.set;
import static com.mongodb.client.model.Updates.setOnInsert;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.UpdateOptions;
import io.helidon.config.Config;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.bson.Document;
import uk.portsmouth.cfe.platform.audit.AuditLog;
import uk.portsmouth.cfe.platform.audit.AuditSubjects;
import uk.portsmouth.cfe.platform.proto.ClosedSets;
import uk.portsmouth.cfe.proto.common.v1.CallerContext;
import uk.portsmouth.cfe.proto.common.v1.RetentionDue;
import uk.portsmouth.cfe.proto.common.v1.RetentionReport;

/**
 * A service's retention job: every {@code retention.interval} (PT24H) it removes what each rule
 * says has passed its time, and records in the audit trail what it removed and why; the report
 * says what would go now without removing anything. Periods come from {@code retention.<kind>}
 * (ISO 8601, e.g. P6Y), each rule's default otherwise.
 *
 * <p>Several instances of a service share one store: the schedule is kept there too (one document
 * in {@code retention_runs}), so one sweep runs per interval across them all, whichever instance
 * claims it first, and every instance reports the same last run. An instance that stops mid-sweep
 * leaves the rest to the next interval's sweep (deletes by date: nothing is half-done for long).
 */
public final class Retention implements AutoCloseable {

    private static final Logger LOGGER = Logger.getLogger(Retention.class.getName());

    /** How often an instance asks whether a sweep is due (at most): another picks up a stopped one's turn. */
    private static final Duration LONGEST_CHECK = Duration.ofHours(1);

    private final String service;
    private final List<RetentionRule> rules;
    private final MongoCollection<Document> runs;
    private final AuditLog audit;
    private final Clock clock;
    private final Duration interval;
    private ScheduledExecutorService schedule;

    private Retention(
            String service,
            List<RetentionRule> rules,
            MongoDatabase database,
            AuditLog audit,
            Clock clock,
            Duration interval) {
        this.service = service;
        this.rules = List.copyOf(rules);
        this.runs = database.getCollection("retention_runs");
        this.audit = audit;
        this.clock = clock;
        this.interval = interval;
    }

    /** The service's rules, each period as configured under {@code retention.<kind>} (else the rule's own). */
    public static Retention of(
            String service,
            Config config,
            MongoDatabase database,
            AuditLog audit,
            Clock clock,
            RetentionRule... rules) {
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
                database,
                audit,
                clock,
                config.get("interval").as(Duration.class).orElse(Duration.ofHours(24)));
    }

    /** Starts the job: a minute after start and then at least hourly, it sweeps if a sweep is due. */
    public Retention start() {
        long checkEvery = (interval.compareTo(LONGEST_CHECK) < 0 ? interval : LONGEST_CHECK).toSeconds();
        schedule = Executors.newSingleThreadScheduledExecutor(Thread.ofVirtual().factory());
        schedule.scheduleWithFixedDelay(this::runQuietly, 60, Math.max(1, checkEvery), TimeUnit.SECONDS);
        return this;
    }

    /**
     * Sweeps if no instance has swept within the interval: the claim is one conditional update of
     * the schedule's document, so of instances asking at once exactly one sweeps.
     */
    public boolean runIfDue() {
        Instant now = clock.instant();
        createSchedule();
        boolean claimed = runs.updateOne(
                                and(eq("_id", service), lte("next_due", Date.from(now))),
                                set("next_due", Date.from(now.plus(interval))))
                        .getModifiedCount()
                == 1;
        if (claimed) {
            runOnce();
        }
        return claimed;
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
                        "retention-" + ClosedSets.jsonName(rule.action()),
                        removed + " " + rule.kind() + " past " + rule.keepFor() + " (retention date before " + cutoff
                                + ")",
                        AuditSubjects.of("record_kind", rule.kind()));
            }
        }
        createSchedule();
        runs.updateOne(eq("_id", service), max("last_run", Date.from(now)));
        return done;
    }

    /** Runs the job now: what it removed, as a report. */
    public RetentionReport runNow() {
        List<RetentionDue> done = runOnce();
        return RetentionReport.newBuilder()
                .setService(service)
                .addAllDue(done)
                .setLastRun(lastRun())
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
        return report.setLastRun(lastRun()).build();
    }

    /** When any instance last swept (RFC 3339), "" if none has. */
    private String lastRun() {
        Document shared = runs.find(eq("_id", service)).first();
        Date last = shared == null ? null : shared.getDate("last_run");
        return last == null ? "" : last.toInstant().toString();
    }

    /** The service's schedule document, due at once when it is new. */
    private void createSchedule() {
        try {
            runs.updateOne(eq("_id", service), setOnInsert("next_due", new Date(0)), new UpdateOptions().upsert(true));
        } catch (MongoWriteException e) {
            // two instances created it at once: the other's document is the schedule
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
        }
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
            runIfDue();
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
