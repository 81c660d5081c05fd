package uk.portsmouth.cfe.contacts.store;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import uk.portsmouth.cfe.platform.testing.StoreBackends;
import uk.portsmouth.cfe.platform.testing.StoreBackends.Backend;
import uk.portsmouth.cfe.proto.contacts.v1.Registration;
import uk.portsmouth.cfe.proto.contacts.v1.RegistrationStatus;

/** Places at a meeting, through the real driver, on the embedded store and on MongoDB where Docker exists. */
class RegistrationStoreContractTest {

    private static final String MEETING = "eh-forum@2027-01-20T14:00";

    private static Registration person(String subject) {
        return Registration.newBuilder()
                .setMeetingId(MEETING)
                .setSubject(subject)
                .setName(subject)
                .build();
    }

    private static List<String> subjects(List<Registration> registrations) {
        return registrations.stream().map(Registration::getSubject).toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(StoreBackends.ALL)
    void placesFillInOrderThenTheWaitingListAndAGiveUpPromotesTheFirstWaiting(Backend store) {
        RegistrationStore registrations = new RegistrationStore(store.freshDatabase());
        assertThat(
                registrations.register(MEETING, 2, person("ann")).orElseThrow().getStatus(),
                is(RegistrationStatus.REGISTRATION_STATUS_REGISTERED));
        assertThat(
                registrations.register(MEETING, 2, person("bob")).orElseThrow().getStatus(),
                is(RegistrationStatus.REGISTRATION_STATUS_REGISTERED));
        Registration waiting = registrations.register(MEETING, 2, person("cat")).orElseThrow();
        assertThat(waiting.getStatus(), is(RegistrationStatus.REGISTRATION_STATUS_WAITING));
        assertThat(waiting.getWaitingPosition(), is(1));
        assertThat(
                registrations.register(MEETING, 2, person("dan")).orElseThrow().getWaitingPosition(), is(2));
        assertThat(
                "registered or waiting already",
                registrations.register(MEETING, 2, person("ann")).isEmpty(),
                is(true));

        assertThat(registrations.cancel(MEETING, "bob", 2), is(true));
        RegistrationStore.Places places = registrations.list(MEETING);
        assertThat(subjects(places.registered()), is(List.of("ann", "cat")));
        assertThat(subjects(places.waiting()), is(List.of("dan")));
        assertThat("no place to give up", registrations.cancel(MEETING, "bob", 2), is(false));
        assertThat(registrations.meetingsOf("cat"), is(List.of(MEETING)));
        assertThat(registrations.meetingsOf("bob"), is(List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(StoreBackends.ALL)
    void racingRegistrationsNeverOverfillAMeeting(Backend store) throws Exception {
        RegistrationStore registrations = new RegistrationStore(store.freshDatabase());
        int capacity = 5;
        int people = 40;
        try (ExecutorService threads = Executors.newFixedThreadPool(8)) {
            List<Future<?>> racing = IntStream.range(0, people)
                    .mapToObj(i -> threads.submit(() -> registrations.register(MEETING, capacity, person("p" + i))))
                    .<Future<?>>map(f -> f)
                    .toList();
            for (Future<?> registration : racing) {
                registration.get();
            }
        }
        RegistrationStore.Places places = registrations.list(MEETING);
        assertThat(places.registered().size(), is(capacity));
        assertThat(
                "everyone else waits, no one lost or doubled", places.waiting().size(), is(people - capacity));
        assertThat(
                IntStream.range(0, people)
                        .filter(i -> registrations.meetingsOf("p" + i).size() == 1)
                        .count(),
                is((long) people));
    }
}
