package uk.portsmouth.cfe.platform.proto;

import com.google.type.Date;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Calendar dates: {@link com.google.type.Date} in the contracts, {@link LocalDate} in the code, and
 * {@code "YYYY-MM-DD"} in JSON (the API and the stored documents), read and written by {@link
 * ProtoJson}. A use case takes the {@code LocalDate}; nothing past the JSON edge parses a date.
 */
public final class Dates {

    /** What JSON gives for a date: four-digit year, then month and day of two digits each. */
    private static final Pattern ISO_DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

    private Dates() {}

    /** {@code date} as the contracts carry it. */
    public static Date of(LocalDate date) {
        return Date.newBuilder()
                .setYear(date.getYear())
                .setMonth(date.getMonthValue())
                .setDay(date.getDayOfMonth())
                .build();
    }

    /** Whether a date was given (an unset field reads as the empty date, year 0). */
    public static boolean given(Date date) {
        return date.getYear() != 0;
    }

    /** The given date; an empty date is a programming error here (use {@link #optional}). */
    public static LocalDate toLocalDate(Date date) {
        return LocalDate.of(date.getYear(), date.getMonth(), date.getDay());
    }

    /** The date, or empty when none was given. */
    public static Optional<LocalDate> optional(Date date) {
        return given(date) ? Optional.of(toLocalDate(date)) : Optional.empty();
    }

    /** The date, or {@code otherwise} when none was given. */
    public static LocalDate orElse(Date date, LocalDate otherwise) {
        return given(date) ? toLocalDate(date) : otherwise;
    }

    /** {@code "YYYY-MM-DD"}, or {@code ""} when none was given: for keys, messages and documents' text. */
    public static String text(Date date) {
        return given(date) ? toLocalDate(date).toString() : "";
    }

    /**
     * Whether {@code date} falls in 1900 to 2199, where every date the platform keeps falls (and
     * date arithmetic cannot overflow); the rules that take dates refuse others.
     */
    public static boolean inYearsKept(LocalDate date) {
        return date.getYear() >= 1900 && date.getYear() <= 2199;
    }

    /** The date JSON gives as {@code text}; empty when it is not a real date in that form. */
    public static Optional<LocalDate> parse(String text) {
        if (!ISO_DATE.matcher(text).matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDate.parse(text));
        } catch (DateTimeException notARealDay) {
            return Optional.empty();
        }
    }
}
