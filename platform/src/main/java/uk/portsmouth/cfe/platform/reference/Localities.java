package uk.portsmouth.cfe.platform.reference;

import java.util.EnumSet;
import java.util.Set;
import uk.portsmouth.cfe.proto.common.v1.Locality;

/**
 * The city's three localities (its early-help areas), the one rule every service checks against:
 * schools, families, directory services and meetings are in one of them; a team or meeting series
 * may instead be city-wide.
 */
public final class Localities {

    public static final Set<Locality> AREAS =
            EnumSet.of(Locality.LOCALITY_NORTH, Locality.LOCALITY_CENTRAL, Locality.LOCALITY_SOUTH);
    public static final String AREA_RULE = "locality must be north, central or south";
    public static final String AREA_OR_CITY_WIDE_RULE = "locality must be north, central, south or city-wide";

    private Localities() {}

    public static boolean isArea(Locality locality) {
        return AREAS.contains(locality);
    }

    public static boolean isAreaOrCityWide(Locality locality) {
        return isArea(locality) || locality == Locality.LOCALITY_CITY_WIDE;
    }
}
