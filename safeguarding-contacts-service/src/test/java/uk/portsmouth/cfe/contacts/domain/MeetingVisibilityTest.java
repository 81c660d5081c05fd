package uk.portsmouth.cfe.contacts.domain;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

import org.junit.jupiter.api.Test;
import uk.portsmouth.cfe.proto.common.v1.CallerContext;
import uk.portsmouth.cfe.proto.contacts.v1.MeetingSeries;
import uk.portsmouth.cfe.proto.contacts.v1.Slot;

class MeetingVisibilityTest {

    private static final CallerContext LA = CallerContext.newBuilder()
            .setSubject("officer")
            .addRoles("la_officer")
            .build();
    private static final CallerContext SCHOOL = CallerContext.newBuilder()
            .setSubject("mis")
            .addRoles("school")
            .addSchoolUrns("116000")
            .build();
    private static final CallerContext OTHER_SCHOOL = CallerContext.newBuilder()
            .setSubject("mis-b")
            .addRoles("school")
            .addSchoolUrns("116037")
            .build();
    private static final CallerContext ANYONE =
            CallerContext.newBuilder().setSubject("anonymous").build();

    @Test
    void whoMayKnowASeries() {
        MeetingSeries open = MeetingSeries.newBuilder().setId("senco-network").build();
        MeetingSeries restricted =
                open.toBuilder().setId("marac").setRestricted(true).build();
        MeetingSeries schools = open.toBuilder()
                .setId("severely-absent-meetings-116000")
                .setSchoolUrn("116000")
                .build();
        assertThat(MeetingVisibility.mayKnow(open, ANYONE), is(true));
        assertThat(MeetingVisibility.mayKnow(restricted, SCHOOL), is(false));
        assertThat(MeetingVisibility.mayKnow(restricted, LA), is(true));
        assertThat(MeetingVisibility.mayKnow(schools, SCHOOL), is(true));
        assertThat(MeetingVisibility.mayKnow(schools, OTHER_SCHOOL), is(false));
        assertThat(MeetingVisibility.maySeePupils(schools, OTHER_SCHOOL), is(false));
        assertThat(MeetingVisibility.maySeePupils(schools, LA), is(true));
        assertThat(MeetingVisibility.maySeePupils(open, LA), is(false));
    }

    @Test
    void aBookedSlotShowsTheChildToTheLaAndTheBookerOnly() {
        Slot booked = Slot.newBuilder()
                .setMeetingId("met@x")
                .setStart("10:00")
                .setBooked(true)
                .setChildName("Child A")
                .setBookedBy("mis")
                .build();
        assertThat(MeetingVisibility.slotAsSeenBy(booked, SCHOOL).getChildName(), is("Child A"));
        assertThat(MeetingVisibility.slotAsSeenBy(booked, LA).getChildName(), is("Child A"));
        Slot seen = MeetingVisibility.slotAsSeenBy(booked, OTHER_SCHOOL);
        assertThat(seen.getBooked(), is(true));
        assertThat(seen.getChildName(), is(""));
    }
}
