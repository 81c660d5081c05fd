package uk.portsmouth.cfe.platform.grpc;

import com.google.type.Date;
import java.time.LocalDate;
import uk.portsmouth.cfe.platform.errors.InvalidInputException;
import uk.portsmouth.cfe.platform.proto.Dates;

/** Reading optional fields of a request, with a field error naming the one that does not parse. */
public final class RequestFields {

    private RequestFields() {}

    /** The date in {@code value}, {@code otherwise} when none was given; one out of range names {@code field}. */
    public static LocalDate date(Date value, String field, LocalDate otherwise) {
        if (!Dates.given(value)) {
            return otherwise;
        }
        LocalDate date = Dates.toLocalDate(value);
        if (!Dates.inYearsKept(date)) {
            throw InvalidInputException.of(field, field + " must be a date from 1900 to 2199");
        }
        return date;
    }
}
