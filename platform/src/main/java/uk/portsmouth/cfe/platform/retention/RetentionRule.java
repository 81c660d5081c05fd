package uk.portsmouth.cfe.platform.retention;

import java.time.Instant;
import java.time.Period;
import java.util.function.Function;
import uk.portsmouth.cfe.proto.common.v1.RetentionAction;

/**
 * One kind of record a service keeps for a set time, and how it goes when that time is up.
 *
 * @param kind        what the records are ("attendance_registers")
 * @param description what is kept, how long and on what authority (shown to the DPO)
 * @param keepFor     how long after its retention date a record is kept (configured)
 * @param action      delete or anonymise
 * @param due         how many records would go for a cutoff (dry run: changes nothing)
 * @param apply       removes (or anonymises) them; how many it did
 */
public record RetentionRule(
        String kind,
        String description,
        Period keepFor,
        RetentionAction action,
        Function<Instant, Long> due,
        Function<Instant, Long> apply) {}
