package uk.portsmouth.cfe.platform.proto;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.protobuf.ByteString;
import com.google.protobuf.UnknownFieldSet;
import java.util.Map;
import org.junit.jupiter.api.Test;
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
        ProtoJson.UnknownClosedSetValue refused = assertThrows(
                ProtoJson.UnknownClosedSetValue.class,
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
        ClosedSets.upgradeOlderShape(read);
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
}
