package uk.portsmouth.cfe.gateway;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import uk.portsmouth.cfe.platform.telemetry.Telemetry;

/** HEAD wherever GET exists: the GET's status and headers, no body, and the same rules on who may ask. */
class HeadRequestsTest {

    private static TestPlatform platform;

    @BeforeAll
    static void start() {
        platform = TestPlatform.start(Telemetry.noop());
    }

    @AfterAll
    static void stop() {
        platform.close();
    }

    private static HttpResponse<String> head(String path, String token) {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(platform.uri(path)).method("HEAD", HttpRequest.BodyPublishers.noBody());
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return platform.send(request);
    }

    @Test
    void aHeadIsItsGetWithoutTheBody() {
        String path = "/v1/directory/services?per_page=3";
        HttpResponse<String> get = platform.get(path);
        HttpResponse<String> head = head(path, null);
        assertThat(head.statusCode(), is(200));
        assertThat(head.body(), is(""));
        assertThat(head.headers().firstValue("ETag"), is(get.headers().firstValue("ETag")));
        assertThat(head.headers().firstValue("Content-Type"), is(get.headers().firstValue("Content-Type")));
        assertThat(
                head.headers().firstValue("Content-Length").orElseThrow(),
                is(String.valueOf(get.body().getBytes(StandardCharsets.UTF_8).length)));
        assertThat(head.headers().firstValue("Link").orElse(""), containsString("rel=\"next\""));
    }

    /** No body follows a HEAD's headers: a client's next request on the connection is answered cleanly. */
    @Test
    void theConnectionStaysUsableAfterAHead() throws IOException {
        try (Socket socket = new Socket("127.0.0.1", platform.uri("/").getPort())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream()
                    .write(("HEAD /v1/glossary HTTP/1.1\r\nHost: cfe\r\n\r\n"
                                    + "GET /v1/attendance/codes HTTP/1.1\r\nHost: cfe\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            String headAnswer = headers(in);
            assertThat(headAnswer, startsWith("HTTP/1.1 200"));
            // the very next bytes are the GET's answer, not a body of the HEAD's
            String getAnswer = headers(in);
            assertThat(getAnswer, startsWith("HTTP/1.1 200"));
            Matcher length = Pattern.compile("(?i)content-length: (\\d+)").matcher(getAnswer);
            assertThat(length.find(), is(true));
            assertThat(
                    new String(in.readNBytes(Integer.parseInt(length.group(1))), StandardCharsets.UTF_8),
                    containsString("\"codes\""));
        }
    }

    @Test
    void aHeadNeedsWhatItsGetNeeds() {
        String path = "/v1/schools/116000/attendance/summary";
        assertThat(head(path, null).statusCode(), is(401));
        assertThat(head(path, platform.token("partner")).statusCode(), is(403));
        HttpResponse<String> school = head(path, platform.token("school"));
        assertThat(school.statusCode(), is(200));
        assertThat(school.headers().firstValue("Cache-Control").orElse(""), is("no-store"));
        assertThat(school.body(), is(""));
    }

    @Test
    void headIsAllowedWhereGetIs() {
        HttpResponse<String> refused = platform.write("DELETE", "/v1/glossary", null, null, "{}");
        assertThat(refused.statusCode(), is(405));
        assertThat(refused.headers().firstValue("Allow").orElse(""), is("GET, HEAD"));
        HttpResponse<String> postOnly = head("/v1/oauth/token", null);
        assertThat(postOnly.statusCode(), is(405));
        assertThat(postOnly.headers().firstValue("Allow").orElse(""), is("POST"));
    }

    /** One answer's status line and headers, up to the blank line. */
    private static String headers(InputStream in) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        while (!bytes.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
            int next = in.read();
            if (next < 0) {
                break;
            }
            bytes.write(next);
        }
        return bytes.toString(StandardCharsets.US_ASCII);
    }
}
