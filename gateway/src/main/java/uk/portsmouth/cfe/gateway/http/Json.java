package uk.portsmouth.cfe.gateway.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import uk.portsmouth.cfe.platform.errors.FieldError;
import uk.portsmouth.cfe.platform.memory.BoundedCache;
import uk.portsmouth.cfe.platform.proto.ProtoJson;
import uk.portsmouth.cfe.proto.common.v1.PageInfo;

/**
 * JSON in and out of the gateway. Proto messages map to JSON by their own snake_case field names
 * (the contracts use the API's names), so there is no hand-written mapping per field.
 */
public final class Json {

    /**
     * One JSON value per body and nothing after it; nesting no deeper than any request schema
     * needs (a deeper body is refused as malformed, never parsed at length).
     */
    public static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
                    .streamReadConstraints(
                            StreamReadConstraints.builder().maxNestingDepth(32).build())
                    .build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /** Directory records as printed, by value (see {@link #proto}). */
    private static final BoundedCache<Message, String> PRINTED = new BoundedCache<>(20_000);

    /** Reports as printed, by value (see {@link #report}): few, and larger than a record. */
    private static final BoundedCache<Message, String> PRINTED_REPORTS = new BoundedCache<>(500);

    /**
     * Directory pages as sent, by value (see {@link #okPage}): at most 256, an ORUK page of 50 is
     * about 44 KB, so about 11 MB at worst.
     */
    private static final BoundedCache<PageOf, Printed> PRINTED_PAGES = new BoundedCache<>(256);

    /** A page's figures and records: equal when every field of every record is. */
    private record PageOf(PageInfo info, List<? extends Message> contents) {}

    /** A body as sent: its text, its UTF-8 bytes and its tag. */
    private record Printed(String json, byte[] utf8, String etag) {
        static Printed of(String json) {
            byte[] utf8 = json.getBytes(StandardCharsets.UTF_8);
            return new Printed(json, utf8, ETags.ofBody(utf8));
        }
    }

    private Json() {}

    /** A proto message as the API shows it (see {@link #proto}). */
    public static JsonNode tree(Message message) {
        try {
            JsonNode tree = MAPPER.readTree(ProtoJson.print(message));
            return ApiNumbers.isOruk(message) ? tree : ApiNumbers.fix(tree, message.getDescriptorForType());
        } catch (InvalidProtocolBufferException | JsonProcessingException e) {
            throw new IllegalStateException(
                    "Cannot print " + message.getDescriptorForType().getFullName(), e);
        }
    }

    /**
     * A proto message as compact JSON, by its own snake_case field names. Counts and versions are
     * JSON numbers and every number and flag is present, zero and false included ({@link
     * ApiNumbers}); the ORUK records are printed exactly as the standard has them.
     */
    public static String proto(Message message) {
        if (!ApiNumbers.isOruk(message)) {
            return write(tree(message));
        }
        // directory records change rarely and are read all day: the same record (equal field for
        // field) prints the same JSON, so it is printed once; protobuf's printer works by
        // reflection and was a seventh of a signed-in search's cost
        return PRINTED.computeIfAbsent(message, Json::orukRecord);
    }

    private static String orukRecord(Message message) {
        try {
            return ProtoJson.print(message);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException(
                    "Cannot print " + message.getDescriptorForType().getFullName(), e);
        }
    }

    /**
     * A report as {@link #proto} prints it, printed once while it is the same: dashboards ask for the
     * same summary all day, the service answers it from figures it keeps, and a year's summary (a
     * line a week) costs more to print than to compare. Keyed by the whole message, so a report
     * that moved by one figure, or another school's, is printed afresh.
     */
    public static String report(Message message) {
        return PRINTED_REPORTS.computeIfAbsent(message, Json::proto);
    }

    /** Reads a validated body into a proto builder. */
    public static <B extends Message.Builder> B toProto(JsonNode body, B builder) {
        try {
            ProtoJson.merge(MAPPER.writeValueAsString(body), builder);
            return builder;
        } catch (ProtoJson.UnreadableValues e) {
            throw Problems.invalid(
                    "A field holds a value its set does not have",
                    e.fields().entrySet().stream()
                            .sorted(Map.Entry.comparingByKey())
                            .map(field -> new FieldError(field.getKey(), field.getValue()))
                            .toList());
        } catch (InvalidProtocolBufferException | JsonProcessingException e) {
            throw Problems.invalid(
                    "The body does not fit this resource: " + e.getMessage(),
                    List.of(new FieldError("/", "does not fit this resource")));
        }
    }

    /**
     * Answers 200 with one page in the ORUK page envelope: the page fields, then {@code contents}
     * (items printed once, not re-parsed), with RFC 8288 {@code Link} first/prev/next/last to the same
     * query. A page of directory records is printed, encoded and tagged once while it is the same
     * (by value: every field of every record, as {@link #report}): partners and front ends ask the
     * same pages all day, and printing, encoding and hashing a page was a fifth of a signed-in
     * search's cost.
     */
    public static void okPage(
            ServerRequest request, ServerResponse response, PageInfo info, List<? extends Message> contents) {
        links(request, response, info);
        Printed printed = !contents.isEmpty() && ApiNumbers.isOruk(contents.get(0))
                ? PRINTED_PAGES.computeIfAbsent(
                        new PageOf(info, List.copyOf(contents)), page -> Printed.of(page(page.info(), page.contents())))
                : Printed.of(page(info, contents));
        send(request, response, Status.OK_200, printed);
    }

    private static String page(PageInfo info, List<? extends Message> contents) {
        StringBuilder json = new StringBuilder(write(pageFields(info)));
        json.setLength(json.length() - 1);
        json.append(",\"contents\":[");
        for (int i = 0; i < contents.size(); i++) {
            json.append(i == 0 ? "" : ",").append(proto(contents.get(i)));
        }
        return json.append("]}").toString();
    }

    /** The ORUK page envelope around plain values (maps, lists) the gateway made itself, with {@code Link}. */
    public static String pageOfValues(ServerRequest request, ServerResponse response, PageInfo info, List<?> contents) {
        links(request, response, info);
        Map<String, Object> page = pageFields(info);
        page.put("contents", contents);
        return write(page);
    }

    /** RFC 8288 links to the first, previous, next and last pages of the same query. */
    private static void links(ServerRequest request, ServerResponse response, PageInfo info) {
        // the same query but its page: every parameter as sent, in its order, then page=
        StringBuilder samePage = new StringBuilder(request.path().absolute().path()).append('?');
        for (String parameter : request.query().rawValue().split("&")) {
            if (!parameter.isEmpty() && !parameter.startsWith("page=")) {
                samePage.append(parameter).append('&');
            }
        }
        samePage.append("page=");
        int last = Math.max(1, info.getTotalPages());
        StringBuilder links = new StringBuilder(4 * (samePage.length() + 24));
        link(links, samePage, 1, "first");
        if (info.getPageNumber() > 1) {
            link(links, samePage, Math.min(info.getPageNumber() - 1, last), "prev");
        }
        if (info.getPageNumber() < last) {
            link(links, samePage, info.getPageNumber() + 1, "next");
        }
        link(links, samePage, last, "last");
        response.header(HeaderNames.LINK, links.toString());
    }

    private static void link(StringBuilder links, CharSequence samePage, int page, String relation) {
        if (!links.isEmpty()) {
            links.append(", ");
        }
        links.append('<')
                .append(samePage)
                .append(page)
                .append(">; rel=\"")
                .append(relation)
                .append('"');
    }

    private static Map<String, Object> pageFields(PageInfo info) {
        return Json.map(
                "total_items", info.getTotalItems(),
                "total_pages", info.getTotalPages(),
                "page_number", info.getPageNumber(),
                "size", info.getSize(),
                "first_page", info.getFirstPage(),
                "last_page", info.getLastPage(),
                "empty", info.getEmpty());
    }

    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Sends {@code body} as JSON with {@code etag} (304 when the client holds it already);
     * the ETag is a digest of the body when {@code etag} is null.
     */
    public static void send(ServerRequest request, ServerResponse response, Status status, String json, String etag) {
        if (etag == null) {
            send(request, response, status, Printed.of(json));
        } else {
            send(request, response, status, new Printed(json, json.getBytes(StandardCharsets.UTF_8), etag));
        }
    }

    private static void send(ServerRequest request, ServerResponse response, Status status, Printed printed) {
        if (status == Status.CREATED_201 && !response.headers().contains(HeaderNames.LOCATION)) {
            throw new IllegalStateException("A 201 names what it created: use Json.created");
        }
        String json = printed.json();
        String tag = printed.etag();
        response.header(HeaderNames.ETAG, tag);
        if (status == Status.OK_200 && ETags.notModified(request, tag)) {
            response.status(Status.NOT_MODIFIED_304).send();
            return;
        }
        IdempotencyKeys.keepAnswer(request, response, status, json);
        if (status == Status.OK_200) {
            PublicReadCache.keep(request, response, printed.utf8(), tag);
        }
        response.status(status).header(HeaderNames.CONTENT_TYPE, "application/json");
        Compression.send(request, response, printed.utf8());
    }

    /** A 201: {@code location} names what was created (a resource, or the list that now holds it). */
    public static void created(
            ServerRequest request, ServerResponse response, String location, String json, String etag) {
        response.header(HeaderNames.LOCATION, location);
        send(request, response, Status.CREATED_201, json, etag);
    }

    public static void ok(ServerRequest request, ServerResponse response, String body) {
        send(request, response, Status.OK_200, body, null);
    }

    public static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> map = new java.util.LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
