package uk.portsmouth.cfe.platform.grpc;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import uk.portsmouth.cfe.platform.errors.InvalidInputException;

/** Reading optional fields of a request, with a field error naming the one that does not parse. */
public final class RequestFields {

    private RequestFields() {}

    /** The ISO date in {@code value}, {@code otherwise} when it is empty; a bad date names {@code field}. */
    public static LocalDate date(String value, String field, LocalDate otherwise) {
        if (value.isEmpty()) {
            return otherwise;
        }
        try {
            LocalDate date = LocalDate.parse(value);
            if (date.getYear() < 1900 || date.getYear() > 2199) {
                throw InvalidInputException.of(field, field + " must be a date from 1900 to 2199");
            }
            return date;
        } catch (DateTimeParseException e) {
            throw InvalidInputException.of(field, field + " must be a date, e.g. 2026-11-27");
        }
    }
}
