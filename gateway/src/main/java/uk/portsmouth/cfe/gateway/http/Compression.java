package uk.portsmouth.cfe.gateway.http;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.zip.GZIPOutputStream;

/**
 * Text answers (JSON, CSV, iCalendar) gzipped (the JDK's) for clients that accept it, above a
 * size where it pays: an ORUK page of 44 KB goes as about 9 KB.
 */
public final class Compression {

    /** Below this, compressing costs more than it saves. */
    private static final int THRESHOLD = 1_024;

    private Compression() {}

    /** Sends {@code text}, gzipped when the client accepts gzip and it is large enough. */
    public static void send(ServerRequest request, ServerResponse response, String text) {
        send(request, response, text.getBytes(StandardCharsets.UTF_8));
    }

    /** Sends text already encoded as UTF-8, gzipped when the client accepts gzip and it is large enough. */
    public static void send(ServerRequest request, ServerResponse response, byte[] bytes) {
        response.header(HeaderNames.VARY, "Accept-Encoding");
        if (bytes.length < THRESHOLD || !acceptsGzip(request)) {
            HeadRequests.send(request, response, bytes);
            return;
        }
        ByteArrayOutputStream zipped = new ByteArrayOutputStream(bytes.length / 4);
        try (GZIPOutputStream gzip = new GZIPOutputStream(zipped)) {
            gzip.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        response.header(HeaderNames.CONTENT_ENCODING, "gzip");
        HeadRequests.send(request, response, zipped.toByteArray());
    }

    private static boolean acceptsGzip(ServerRequest request) {
        String accepted = request.headers().first(HeaderNames.ACCEPT_ENCODING).orElse("");
        for (String coding : accepted.split(",")) {
            String plain = coding.strip().toLowerCase(Locale.ROOT);
            if (plain.equals("gzip") || plain.startsWith("gzip;") && !plain.endsWith("q=0")) {
                return true;
            }
        }
        return false;
    }
}
