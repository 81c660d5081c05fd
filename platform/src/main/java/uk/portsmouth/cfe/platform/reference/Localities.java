package uk.portsmouth.cfe.platform.reference;

import java.util.Set;

/**
 * The city's three localities (its early-help areas), the one list every service checks against:
 * schools, families, directory services and meetings are in one of them; a team or meeting series
 * may instead be city-wide.
 */
public final class Localities {

    public static final String CITY_WIDE = "city-wide";
    public static final Set<String> AREAS = Set.of("north", "central", "south");
    public static final String AREA_RULE = "locality must be north, central or south";
    public static final String AREA_OR_CITY_WIDE_RULE = "locality must be north, central, south or city-wide";

    private Localities() {}

    public static boolean isArea(String locality) {
        return AREAS.contains(locality);
    }

    public static boolean isAreaOrCityWide(String locality) {
        return isArea(locality) || CITY_WIDE.equals(locality);
    }
}
