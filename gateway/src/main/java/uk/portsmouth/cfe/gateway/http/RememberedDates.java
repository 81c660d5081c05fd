package uk.portsmouth.cfe.gateway.http;

import com.networknt.schema.ExecutionContext;
import com.networknt.schema.Format;
import com.networknt.schema.format.DateFormat;
import uk.portsmouth.cfe.platform.memory.BoundedCache;

/**
 * The schema's {@code date} format, judged once a value: the validator's own parses each date with a
 * formatter, and a batch of marks holds thousands of dates, nearly all the same five (a tenth of
 * the gateway's work on a batch). A date's verdict never changes, so the latest are kept.
 */
final class RememberedDates implements Format {

    private static final int DATES_KEPT = 4_096;

    private final DateFormat date = new DateFormat();
    private final BoundedCache<String, Boolean> verdicts = new BoundedCache<>(DATES_KEPT);

    @Override
    public String getName() {
        return date.getName();
    }

    @Override
    public String getMessageKey() {
        return date.getMessageKey();
    }

    @Override
    public boolean matches(ExecutionContext context, String value) {
        if (value.length() > 32) {
            return date.matches(context, value); // no date is this long: not worth keeping
        }
        return verdicts.computeIfAbsent(value, v -> date.matches(context, v));
    }
}
