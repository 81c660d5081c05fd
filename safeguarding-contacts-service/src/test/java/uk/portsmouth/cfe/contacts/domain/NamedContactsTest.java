package uk.portsmouth.cfe.contacts.domain;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import uk.portsmouth.cfe.platform.errors.FieldError;
import uk.portsmouth.cfe.platform.errors.InvalidInputException;
import uk.portsmouth.cfe.proto.contacts.v1.NamedContact;

class NamedContactsTest {

    private static NamedContact person(String role, String name) {
        return NamedContact.newBuilder()
                .setRole(role)
                .setName(name)
                .setEmail(role + "@school.example")
                .build();
    }

    @Test
    void everyRoleAppearsInTrackerOrderVacantWhenNobodyHoldsIt() {
        List<NamedContact> all = NamedContacts.withVacancies(
                List.of(person("senco", "B"), person("deputy_dsl", "Z"), person("deputy_dsl", "A")));
        assertThat(all.size(), is(NamedContacts.ROLES.size() + 1));
        assertThat(all.get(0).getRole(), is("headteacher"));
        assertThat(all.get(0).getVacant(), is(true));
        assertThat(all.subList(2, 4).stream().map(NamedContact::getName).toList(), contains("A", "Z"));
        assertThat(all.get(4).getVacant(), is(false));
    }

    @Test
    void aValidSetPasses() {
        assertDoesNotThrow(() -> NamedContacts.validate(List.of(
                person("dsl", "Sam"),
                NamedContact.newBuilder()
                        .setRole("pcso")
                        .setName("PCSO Lee")
                        .setPhone("023 9600 0001")
                        .build())));
        assertDoesNotThrow(() -> NamedContacts.validate(List.of()));
    }

    @Test
    void tooManyPeopleInOneRole() {
        List<NamedContact> six = Collections.nCopies(NamedContacts.MAX_PER_ROLE + 1, person("deputy_dsl", "X"));
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> NamedContacts.validate(six));
        assertThat(
                e.errors().stream().map(FieldError::field).toList(),
                contains("/contacts/" + NamedContacts.MAX_PER_ROLE + "/role"));
    }

    @Test
    void vacanciesSentBackAsReadAreIgnoredAndPeopleTrimmed() {
        List<NamedContact> asRead = List.of(
                NamedContact.newBuilder().setRole("headteacher").setVacant(true).build(), person("dsl", "  Sam  "));
        assertDoesNotThrow(() -> NamedContacts.validate(asRead));
        assertThat(
                NamedContacts.held(asRead).stream().map(NamedContact::getName).toList(), contains("Sam"));
    }
}
