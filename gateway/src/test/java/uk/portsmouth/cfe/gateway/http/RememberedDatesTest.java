package uk.portsmouth.cfe.gateway.http;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The schema's date format judged once a value: the same verdicts, asked once or many times. */
class RememberedDatesTest {

    private static final String OPEN_API = """
            {"components": {"schemas": {"Day": {
              "type": "object",
              "properties": {"date": {"type": "string", "format": "date"}}}}}}""";

    private final RequestBodies bodies = new RequestBodies(Json.MAPPER.readTree(OPEN_API), 10_000);

    RememberedDatesTest() throws Exception {}

    private String refusedField(String date) {
        ProblemException refused = assertThrows(
                ProblemException.class,
                () -> bodies.validatedJson(("{\"date\": \"" + date + "\"}").getBytes(StandardCharsets.UTF_8), "Day"));
        return refused.errors().get(0).field();
    }

    @Test
    void aDateIsJudgedAlikeAtEveryAsking() {
        for (int asking = 0; asking < 3; asking++) {
            JsonNode good = bodies.validatedJson("{\"date\": \"2026-11-02\"}".getBytes(StandardCharsets.UTF_8), "Day");
            assertThat(good.get("date").asText(), is("2026-11-02"));
            assertThat(refusedField("2026-02-30"), is("/date"));
            assertThat(refusedField("02/11/2026"), is("/date"));
            assertThat(refusedField("2026-11-02-and-then-some-more-text-beyond-any-date"), is("/date"));
        }
    }
}
