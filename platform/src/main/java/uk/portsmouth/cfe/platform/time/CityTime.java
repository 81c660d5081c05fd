package uk.portsmouth.cfe.platform.time;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/** Time as every service keeps it: days in Portsmouth's time zone, timestamps in UTC to the millisecond. */
public final class CityTime {

    public static final ZoneId ZONE = ZoneId.of("Europe/London");

    private CityTime() {}

    /** Today in Portsmouth, by {@code clock}. */
    public static LocalDate today(Clock clock) {
        return LocalDate.now(clock.withZone(ZONE));
    }

    /** Now as stored and sent: ISO-8601 UTC, milliseconds. */
    public static String timestamp(Clock clock) {
        return Instant.now(clock).truncatedTo(ChronoUnit.MILLIS).toString();
    }

    /**
     * A local moment as sent (a meeting's start): RFC 3339 with seconds and offset, always
     * ({@code OffsetDateTime.toString()} drops zero seconds, which RFC 3339 does not allow).
     */
    public static String dateTime(OffsetDateTime moment) {
        return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(moment);
    }
}
