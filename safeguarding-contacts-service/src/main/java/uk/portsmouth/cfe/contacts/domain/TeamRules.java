package uk.portsmouth.cfe.contacts.domain;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;
import uk.portsmouth.cfe.platform.errors.FieldChecks;
import uk.portsmouth.cfe.platform.proto.ClosedSets;
import uk.portsmouth.cfe.platform.reference.Localities;
import uk.portsmouth.cfe.platform.reference.TextLimits;
import uk.portsmouth.cfe.proto.contacts.v1.ContactRoute;
import uk.portsmouth.cfe.proto.contacts.v1.ContactRouteKind;
import uk.portsmouth.cfe.proto.contacts.v1.Team;

/**
 * What makes a key team's entry valid. A contact route either has a value fit for its kind or is
 * marked unknown (the guide withholds many addresses): nothing is invented.
 */
public final class TeamRules {

    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");
    private static final Pattern PHONE = Pattern.compile("^\\+?[0-9 ()-]{6,20}$");
    private static final Pattern URL = Pattern.compile("^https?://[^\\s]+$");

    private TeamRules() {}

    /** Checks a team as the LA sent it; throws with every problem, nothing is written. */
    public static void validate(Team team) {
        FieldChecks checks = new FieldChecks();
        if (team.getName().isBlank()) {
            checks.fail("/name", "name is required");
        } else if (team.getName().length() > TextLimits.NAME) {
            checks.fail("/name", "name must be at most " + TextLimits.NAME + " characters");
        }
        if (team.getPurpose().isBlank()) {
            checks.fail("/purpose", "purpose is required");
        }
        for (int i = 0; i < team.getTiersCount(); i++) {
            if (team.getTiers(i) < 1 || team.getTiers(i) > 4) {
                checks.fail("/tiers/" + i, "tiers of need run from 1 to 4");
            }
        }
        if (team.getLocalityValue() != 0 && !Localities.isAreaOrCityWide(team.getLocality())) {
            checks.fail("/locality", Localities.AREA_OR_CITY_WIDE_RULE);
        }
        if (team.getContactRoutesCount() == 0) {
            checks.fail("/contact_routes", "a team needs at least one contact route");
        }
        for (int i = 0; i < team.getContactRoutesCount(); i++) {
            route(checks, "/contact_routes/" + i, team.getContactRoutes(i));
        }
        if (team.hasOutOfHours()) {
            route(checks, "/out_of_hours", team.getOutOfHours());
        }
        checks.throwIfAny("The team is not valid");
    }

    public static boolean isEmail(String value) {
        return EMAIL.matcher(value).matches();
    }

    /** A stable id from a name: "Multi-Agency Safeguarding Hub (MASH)" -> "multi-agency-safeguarding-hub-mash". */
    public static String slug(String name) {
        String plain = Normalizer.normalize(name, Normalizer.Form.NFD)
                .replaceAll("\\p{M}", "")
                .toLowerCase(Locale.ROOT);
        return plain.replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
    }

    private static void route(FieldChecks checks, String field, ContactRoute route) {
        if (!ClosedSets.given(route.getKind())) {
            checks.fail(field + "/kind", ClosedSets.rule("kind", ContactRouteKind.getDescriptor()));
            return;
        }
        if (route.getUnknown()) {
            if (!route.getValue().isEmpty()) {
                checks.fail(field + "/value", "an unknown route has no value");
            }
            return;
        }
        String value = route.getValue();
        boolean ok = switch (route.getKind()) {
            case CONTACT_ROUTE_KIND_EMAIL -> EMAIL.matcher(value).matches();
            case CONTACT_ROUTE_KIND_PHONE ->
                PHONE.matcher(value).matches() && value.replaceAll("[^0-9]", "").length() >= 6;
            case CONTACT_ROUTE_KIND_WEB_FORM, CONTACT_ROUTE_KIND_WEBSITE ->
                URL.matcher(value).matches();
            default -> !value.isBlank();
        };
        if (!ok) {
            checks.fail(
                    field + "/value",
                    "not a valid " + ClosedSets.inWords(route.getKind())
                            + (value.isEmpty() ? " (mark the route unknown if the address is not known)" : ""));
        }
    }
}
