package uk.portsmouth.cfe.gateway.http;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import uk.portsmouth.cfe.platform.errors.FieldError;

/**
 * Reading a request's body, bounded. A body the server cannot read (a chunk size that is not
 * hexadecimal, a body cut short) is the request's fault: 400 naming the header that framed it,
 * never a 5xx.
 */
final class RequestEntities {

    private RequestEntities() {}

    static byte[] readBounded(ServerRequest request, long maxBytes) {
        try (InputStream in = request.content().inputStream()) {
            byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 1, maxBytes + 1));
            if (bytes.length > maxBytes) {
                throw Problems.tooLarge(maxBytes);
            }
            return bytes;
        } catch (ProblemException tooLarge) {
            throw tooLarge;
        } catch (IOException | RuntimeException unreadable) {
            boolean chunked = request.headers()
                    .first(HeaderNames.TRANSFER_ENCODING)
                    .map(value -> value.toLowerCase(java.util.Locale.ROOT).contains("chunked"))
                    .orElse(false);
            String framing = chunked ? "Transfer-Encoding" : "Content-Length";
            throw Problems.invalid(
                    "The body could not be read",
                    List.of(new FieldError(
                            framing,
                            chunked
                                    ? "a chunk's size is not hexadecimal, or the chunks end early"
                                    : "the body is shorter than Content-Length says")));
        }
    }
}
