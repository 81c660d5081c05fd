package uk.portsmouth.cfe.gateway.http;

import com.google.protobuf.Descriptors.EnumDescriptor;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.type.Date;
import io.helidon.common.uri.UriQuery;
import io.helidon.webserver.http.ServerRequest;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import uk.portsmouth.cfe.platform.proto.ClosedSets;
import uk.portsmouth.cfe.platform.proto.Dates;
import uk.portsmouth.cfe.platform.time.CityTime;
import uk.portsmouth.cfe.proto.attendance.v1.DateRange;
import uk.portsmouth.cfe.proto.common.v1.PageRequest;

/** Query parameters, each rejected with its own name when malformed. */
public final class QueryParams {

    private static final String DATE_RULE = "%s must be a date (2026-11-27) or an RFC 3339 date-time";

    /** ASCII digits only (Integer.parseInt would take other scripts' digits), within int32's length. */
    private static final Pattern WHOLE_NUMBER = Pattern.compile("-?[0-9]{1,10}");

    private QueryParams() {}

    /** The first value of parameter {@code name}, stripped; empty when absent. */
    public static String text(ServerRequest request, String name) {
        // contains and get are map look-ups; first() looks up Helidon's global mappers at every call
        UriQuery query = request.query();
        return query.contains(name) ? query.get(name).strip() : "";
    }

    /**
     * A closed set's value named by parameter {@code name} (its JSON name, which the document's enum
     * lists and {@code DocumentedParameters} checked); the unspecified value when absent.
     */
    public static EnumValueDescriptor closedSet(ServerRequest request, String name, EnumDescriptor set) {
        String value = text(request, name);
        if (value.isEmpty()) {
            return set.findValueByNumber(0);
        }
        return ClosedSets.byJsonName(set, value)
                .or(() -> ClosedSets.byJsonName(set, value.toLowerCase(Locale.ROOT)))
                .orElseThrow(() -> Problems.invalidParameter(
                        name, name + " must be one of " + String.join(", ", ClosedSets.jsonNames(set))));
    }

    /**
     * A date parameter as the services take it: a date (2026-11-27), or an RFC 3339 date-time as
     * generated clients send for a date (its day in the city); the empty date when absent. Anything
     * else is refused here, naming the parameter.
     */
    public static Date date(ServerRequest request, String name) {
        String value = text(request, name);
        if (value.isEmpty()) {
            return Date.getDefaultInstance();
        }
        if (value.length() > 10 && value.charAt(10) == 'T') {
            try {
                return Dates.of(OffsetDateTime.parse(value)
                        .atZoneSameInstant(CityTime.ZONE)
                        .toLocalDate());
            } catch (DateTimeParseException e) {
                throw Problems.invalidParameter(name, DATE_RULE.formatted(name));
            }
        }
        return Dates.parse(value)
                .map(Dates::of)
                .orElseThrow(() -> Problems.invalidParameter(name, DATE_RULE.formatted(name)));
    }

    public static List<String> all(ServerRequest request, String name) {
        return request.query().all(name, List::of).stream()
                .flatMap(v -> java.util.Arrays.stream(v.split(",")))
                .map(String::strip)
                .filter(v -> !v.isEmpty())
                .toList();
    }

    public static Optional<Integer> integer(ServerRequest request, String name) {
        String value = text(request, name);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        if (!WHOLE_NUMBER.matcher(value).matches()) {
            throw Problems.invalidParameter(name, name + " must be a whole number, in digits 0-9");
        }
        long number = Long.parseLong(value);
        if (number < Integer.MIN_VALUE || number > Integer.MAX_VALUE) {
            throw Problems.invalidParameter(name, name + " is out of range");
        }
        return Optional.of((int) number);
    }

    public static boolean bool(ServerRequest request, String name) {
        String value = text(request, name).toLowerCase();
        return switch (value) {
            case "", "false", "0" -> false;
            case "true", "1" -> true;
            default -> throw Problems.invalidParameter(name, name + " must be true or false");
        };
    }

    /**
     * {@code page} and {@code per_page}; ranges are checked by the service that pages. The ORUK
     * endpoints are feeds, pulled whole: their pages may be larger (Paging.MAX_FEED_SIZE).
     */
    public static PageRequest page(ServerRequest request) {
        int page = integer(request, "page").orElse(1);
        int perPage = integer(request, "per_page").orElse(0);
        if (page < 1) {
            throw Problems.invalidParameter("page", "page must be 1 or more");
        }
        if (request.query().contains("per_page") && perPage < 1) {
            throw Problems.invalidParameter("per_page", "per_page must be 1 or more");
        }
        return PageRequest.newBuilder()
                .setPage(page)
                .setPerPage(perPage)
                .setFeed(request.path().absolute().path().startsWith("/oruk/"))
                .build();
    }

    /** {@code ?from=} and {@code ?to=}, the range of an attendance measure (empty: the academic year to date). */
    public static DateRange dateRange(ServerRequest req) {
        return DateRange.newBuilder()
                .setFrom(date(req, "from"))
                .setTo(date(req, "to"))
                .build();
    }
}
