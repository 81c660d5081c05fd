package uk.portsmouth.cfe.platform.errors;

import com.google.type.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import uk.portsmouth.cfe.platform.proto.Dates;

/** Collects every bad field of a request, so one answer names them all and nothing is written. */
public final class FieldChecks {

    private final List<FieldError> errors = new ArrayList<>();

    public void fail(String field, String message) {
        errors.add(new FieldError(field, message));
    }

    /** Adds the errors another check found (e.g. paging's). */
    public void addAll(List<FieldError> found) {
        errors.addAll(found);
    }

    public void require(String value, String field, String what) {
        if (value.isBlank()) {
            fail(field, what + " is required");
        }
    }

    /**
     * Text of at most {@code max} characters (see {@code TextLimits}); when {@code required}, not
     * blank either. The message names the field by its last JSON-pointer segment.
     */
    public void text(String value, String field, int max, boolean required) {
        String name = field.substring(field.lastIndexOf('/') + 1);
        if (required && value.isBlank()) {
            fail(field, name + " is required (at most " + max + " characters)");
        } else if (value.length() > max) {
            fail(field, name + " must be at most " + max + " characters");
        }
    }

    /**
     * The date in {@code value}: null when none was given (an error when it is {@code required}), or
     * when it is outside the years the platform keeps ({@link Dates#inYearsKept}).
     */
    public LocalDate date(Date value, String field, boolean required) {
        if (!Dates.given(value)) {
            if (required) {
                fail(field, "a date is required, e.g. 2026-11-27");
            }
            return null;
        }
        LocalDate date = Dates.toLocalDate(value);
        if (!Dates.inYearsKept(date)) {
            fail(field, "must be a date from 1900 to 2199");
            return null;
        }
        return date;
    }

    /** As {@link #date}, and not after {@code today}. */
    public LocalDate pastDate(Date value, String field, boolean required, LocalDate today) {
        LocalDate date = date(value, field, required);
        if (date != null && date.isAfter(today)) {
            fail(field, "must not be in the future");
        }
        return date;
    }

    /** {@code later} must not be before {@code earlier} (either may be missing). */
    public void inOrder(LocalDate earlier, LocalDate later, String field, String message) {
        if (earlier != null && later != null && later.isBefore(earlier)) {
            fail(field, message);
        }
    }

    /** Whether no field has failed so far. */
    public boolean ok() {
        return errors.isEmpty();
    }

    /** Throws with every error collected, if any. */
    public void throwIfAny(String detail) {
        if (!errors.isEmpty()) {
            throw new InvalidInputException(detail, errors);
        }
    }
}
