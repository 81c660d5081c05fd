package uk.portsmouth.cfe.contacts.domain;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import uk.portsmouth.cfe.platform.errors.FieldError;
import uk.portsmouth.cfe.platform.errors.InvalidInputException;
import uk.portsmouth.cfe.proto.contacts.v1.ContactRoute;
import uk.portsmouth.cfe.proto.contacts.v1.ContactRouteKind;
import uk.portsmouth.cfe.proto.contacts.v1.Team;

class TeamRulesTest {

    private static Team.Builder valid() {
        return Team.newBuilder()
                .setName("LADO")
                .setPurpose("Allegations against staff")
                .addTiers(4)
                .addContactRoutes(ContactRoute.newBuilder()
                        .setKind(ContactRouteKind.CONTACT_ROUTE_KIND_PHONE)
                        .setValue("02392 688793"))
                .addContactRoutes(ContactRoute.newBuilder()
                        .setKind(ContactRouteKind.CONTACT_ROUTE_KIND_EMAIL)
                        .setUnknown(true));
    }

    @Test
    void acceptsKnownAndUnknownRoutes() {
        assertDoesNotThrow(() -> TeamRules.validate(valid().build()));
    }

    @Test
    void reportsEveryProblem() {
        Team bad = valid().setName("")
                .setPurpose("")
                .addTiers(7)
                .setLocalityValue(99)
                .addContactRoutes(ContactRoute.newBuilder().setKindValue(99).setValue("123"))
                .addContactRoutes(ContactRoute.newBuilder()
                        .setKind(ContactRouteKind.CONTACT_ROUTE_KIND_EMAIL)
                        .setValue("not-an-email"))
                .addContactRoutes(ContactRoute.newBuilder()
                        .setKind(ContactRouteKind.CONTACT_ROUTE_KIND_PHONE)
                        .setValue("call us"))
                .addContactRoutes(ContactRoute.newBuilder().setKind(ContactRouteKind.CONTACT_ROUTE_KIND_EMAIL))
                .addContactRoutes(ContactRoute.newBuilder()
                        .setKind(ContactRouteKind.CONTACT_ROUTE_KIND_PHONE)
                        .setValue("01")
                        .setUnknown(true))
                .build();
        InvalidInputException error = assertThrows(InvalidInputException.class, () -> TeamRules.validate(bad));
        assertThat(
                error.errors().stream().map(FieldError::field).toList(),
                containsInAnyOrder(
                        "/name",
                        "/purpose",
                        "/tiers/1",
                        "/locality",
                        "/contact_routes/2/kind",
                        "/contact_routes/3/value",
                        "/contact_routes/4/value",
                        "/contact_routes/5/value",
                        "/contact_routes/6/value"));
    }

    @Test
    void aTeamNeedsAWayToReachIt() {
        InvalidInputException error = assertThrows(
                InvalidInputException.class,
                () -> TeamRules.validate(valid().clearContactRoutes().build()));
        assertThat(error.errors().get(0).field(), is("/contact_routes"));
    }

    @Test
    void slugsAreStable() {
        assertThat(TeamRules.slug("Multi-Agency Safeguarding Hub (MASH)"), is("multi-agency-safeguarding-hub-mash"));
    }
}
