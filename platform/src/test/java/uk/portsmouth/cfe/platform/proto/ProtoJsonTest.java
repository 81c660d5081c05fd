package uk.portsmouth.cfe.platform.proto;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.protobuf.ByteString;
import com.google.protobuf.UnknownFieldSet;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import uk.portsmouth.cfe.proto.fsp.v1.Action;
import uk.portsmouth.cfe.proto.fsp.v1.ActionStatus;
import uk.portsmouth.cfe.proto.fsp.v1.Plan;
import uk.portsmouth.cfe.proto.fsp.v1.PlanStatus;

class ProtoJsonTest {

    @Test
    void aClosedSetIsPrintedAndReadByItsJsonName() throws Exception {
        Plan plan = Plan.newBuilder()
                .setId("p-1")
                .setStatus(PlanStatus.PLAN_STATUS_ACTIVE)
                .addActions(Action.newBuilder().setId("a-1").setStatus(ActionStatus.ACTION_STATUS_NO_LONGER_NEEDED))
                .build();
        String json = ProtoJson.print(plan);
        assertThat(
                json,
                is(
                        "{\"id\":\"p-1\",\"status\":\"active\",\"actions\":[{\"id\":\"a-1\",\"status\":\"no_longer_needed\"}]}"));
        assertThat(ProtoJson.merge(json, Plan.newBuilder()).build(), is(plan));
    }

    @Test
    void aNameTheSetDoesNotHaveIsRefusedByItsField() {
        ProtoJson.UnreadableValues refused = assertThrows(
                ProtoJson.UnreadableValues.class,
                () -> ProtoJson.merge(
                        "{\"status\":\"ACTIVE\",\"actions\":[{\"status\":\"done\"},{\"status\":\"finished\"}]}",
                        Plan.newBuilder()));
        assertThat(
                refused.fields(),
                is(Map.of(
                        "/status", "must be one of draft, active, closed",
                        "/actions/1/status", "must be one of not_started, in_progress, done, no_longer_needed")));
    }

    @Test
    void aRecordKeptWhenTheSetWasAStringIsReadAsTheSet() throws Exception {
        // field 2 (status) and an action's field 7 (status) as the strings they were stored as
        Action olderAction = Action.newBuilder()
                .setId("a-1")
                .setUnknownFields(UnknownFieldSet.newBuilder()
                        .addField(
                                7,
                                UnknownFieldSet.Field.newBuilder()
                                        .addLengthDelimited(ByteString.copyFromUtf8("in_progress"))
                                        .build())
                        .build())
                .build();
        Plan older = Plan.newBuilder()
                .setId("p-1")
                .addActions(olderAction)
                .setUnknownFields(UnknownFieldSet.newBuilder()
                        .addField(
                                2,
                                UnknownFieldSet.Field.newBuilder()
                                        .addLengthDelimited(ByteString.copyFromUtf8("closed"))
                                        .build())
                        .build())
                .build();
        Plan.Builder read = Plan.parseFrom(older.toByteArray()).toBuilder();
        OlderShapes.upgrade(read);
        assertThat(read.getStatus(), is(PlanStatus.PLAN_STATUS_CLOSED));
        assertThat(read.getActions(0).getStatus(), is(ActionStatus.ACTION_STATUS_IN_PROGRESS));
        assertThat(read.getUnknownFields().asMap().isEmpty(), is(true));
    }

    @Test
    void theUnspecifiedValueIsNotGiven() {
        assertThat(ClosedSets.given(PlanStatus.PLAN_STATUS_UNSPECIFIED), is(false));
        assertThat(ClosedSets.given(PlanStatus.UNRECOGNIZED), is(false));
        assertThat(ClosedSets.given(PlanStatus.PLAN_STATUS_DRAFT), is(true));
        assertThat(ClosedSets.jsonName(PlanStatus.PLAN_STATUS_UNSPECIFIED), is(""));
    }

    @Test
    void aDateIsPrintedAndReadAsIsoText() throws Exception {
        Plan plan = Plan.newBuilder()
                .setId("p-1")
                .setStartDate(Dates.of(LocalDate.of(2026, 9, 7)))
                .addActions(Action.newBuilder().setId("a-1").setDueOn(Dates.of(LocalDate.of(2027, 1, 31))))
                .build();
        String json = ProtoJson.print(plan);
        assertThat(
                json,
                is(
                        "{\"id\":\"p-1\",\"actions\":[{\"id\":\"a-1\",\"due_on\":\"2027-01-31\"}],\"start_date\":\"2026-09-07\"}"));
        assertThat(ProtoJson.merge(json, Plan.newBuilder()).build(), is(plan));
    }

    @Test
    void anEmptyDateIsNoDate() throws Exception {
        // "" is how an absent date read while dates were strings; an unset one is left out
        Plan read = ProtoJson.merge("{\"id\":\"p-1\",\"start_date\":\"\"}", Plan.newBuilder())
                .build();
        assertThat(read.hasStartDate(), is(false));
        assertThat(ProtoJson.print(read), is("{\"id\":\"p-1\"}"));
    }

    @Test
    void aDateThatIsNotOneIsRefusedByItsField() {
        ProtoJson.UnreadableValues refused = assertThrows(
                ProtoJson.UnreadableValues.class,
                () -> ProtoJson.merge(
                        "{\"start_date\":\"2026-02-29\",\"actions\":[{\"due_on\":\"2027-01-31\"},{\"due_on\":20270131}]}",
                        Plan.newBuilder()));
        assertThat(
                refused.fields(),
                is(Map.of(
                        "/start_date", "must be a date, e.g. 2026-11-27",
                        "/actions/1/due_on", "must be a date, e.g. 2026-11-27")));
    }

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({
        "2026-11-27, 2026-11-27",
        "2024-02-29, 2024-02-29", // a leap year's
        "2026-02-29, ''", // not a leap year
        "2026-13-01, ''",
        "2026-1-2, ''", // two digits each
        "+12026-01-01, ''",
        "2026-11-27T09:00:00Z, ''", // a date, not an instant
        "'', ''",
    })
    void whatJsonGivesAsADate(String text, String read) {
        assertThat(Dates.parse(text), is(read.isEmpty() ? Optional.empty() : Optional.of(LocalDate.parse(read))));
    }

    @Test
    void aRecordKeptWhenTheDateWasAStringIsReadAsTheDate() throws Exception {
        // the plan's start_date was field 13, an action's due_on field 6, both ISO-date strings
        Plan older = Plan.newBuilder()
                .setId("p-1")
                .addActions(Action.newBuilder()
                        .setId("a-1")
                        .setUnknownFields(olderString(6, "2027-01-31"))
                        .build())
                .setUnknownFields(olderString(13, "2026-09-07"))
                .build();
        Plan.Builder read = Plan.parseFrom(older.toByteArray()).toBuilder();
        OlderShapes.upgrade(read);
        assertThat(Dates.toLocalDate(read.getStartDate()), is(LocalDate.of(2026, 9, 7)));
        assertThat(Dates.toLocalDate(read.getActions(0).getDueOn()), is(LocalDate.of(2027, 1, 31)));
        assertThat(read.getUnknownFields().asMap().isEmpty(), is(true));
    }

    private static UnknownFieldSet olderString(int number, String text) {
        return UnknownFieldSet.newBuilder()
                .addField(
                        number,
                        UnknownFieldSet.Field.newBuilder()
                                .addLengthDelimited(ByteString.copyFromUtf8(text))
                                .build())
                .build();
    }
}
