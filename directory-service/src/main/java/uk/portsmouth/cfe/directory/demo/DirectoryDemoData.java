package uk.portsmouth.cfe.directory.demo;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.time.Clock;
import java.util.logging.Logger;
import uk.portsmouth.cfe.directory.domain.Ids;
import uk.portsmouth.cfe.directory.domain.ServiceRules;
import uk.portsmouth.cfe.directory.domain.Taxonomies;
import uk.portsmouth.cfe.directory.domain.Timestamps;
import uk.portsmouth.cfe.directory.store.OrganizationStore;
import uk.portsmouth.cfe.directory.store.ServiceStore;
import uk.portsmouth.cfe.platform.resources.JsonResources;
import uk.portsmouth.cfe.proto.directory.v1.Attribute;
import uk.portsmouth.cfe.proto.directory.v1.Location;
import uk.portsmouth.cfe.proto.directory.v1.LocationType;
import uk.portsmouth.cfe.proto.directory.v1.Organization;
import uk.portsmouth.cfe.proto.directory.v1.Phone;
import uk.portsmouth.cfe.proto.directory.v1.Service;
import uk.portsmouth.cfe.proto.directory.v1.ServiceAtLocation;
import uk.portsmouth.cfe.proto.directory.v1.ServiceStatus;

/**
 * The demo directory: the services, teams, helplines and websites that the Welcome to Portsmouth
 * guide signposts families and professionals to ({@code directory-demo.json}). Ids derive from
 * each entry's key, and records are only added when absent, so loading again changes nothing and
 * never undoes an editor's change.
 */
public final class DirectoryDemoData {

    private static final Logger LOGGER = Logger.getLogger(DirectoryDemoData.class.getName());
    private static final String RESOURCE = "directory-demo.json";
    private static final String LOADED_BY = "demo-data";

    private DirectoryDemoData() {}

    /** Adds every demo organisation and service that is not there yet; returns how many services were added. */
    public static int load(OrganizationStore organizations, ServiceStore services, Clock clock) {
        JsonObject demo = JsonResources.read(RESOURCE);
        String now = Timestamps.format(clock.instant());
        for (JsonElement element : demo.getAsJsonArray("organizations")) {
            organizations.insertIfAbsent(organization(element.getAsJsonObject()), now, LOADED_BY);
        }
        int added = 0;
        for (JsonElement element : demo.getAsJsonArray("services")) {
            JsonObject json = element.getAsJsonObject();
            Service service = service(json);
            ServiceRules.validate(service, organizations::exists);
            Service complete = ServiceRules.complete(service, service.getId(), now);
            if (services.insertIfAbsent(complete, organizations.name(complete.getOrganizationId()), LOADED_BY)) {
                added++;
            }
        }
        int count = added;
        LOGGER.info(() -> "Directory demo data: " + count + " services added");
        return added;
    }

    public static String organizationId(String key) {
        return Ids.stable("organization:" + key);
    }

    public static String serviceId(String key) {
        return Ids.stable("service:" + key);
    }

    private static Organization organization(JsonObject json) {
        Organization.Builder organization = Organization.newBuilder()
                .setId(organizationId(text(json, "key")))
                .setName(text(json, "name"))
                .setDescription(text(json, "description"))
                .setWebsite(text(json, "website"))
                .setEmail(text(json, "email"));
        if (json.has("parent")) {
            organization.setParentOrganizationId(organizationId(text(json, "parent")));
        }
        return organization.build();
    }

    private static Service service(JsonObject json) {
        String key = text(json, "key");
        Service.Builder service = Service.newBuilder()
                .setId(serviceId(key))
                .setOrganizationId(organizationId(text(json, "organization")))
                .setName(text(json, "name"))
                .setDescription(text(json, "description"))
                .setUrl(text(json, "url"))
                .setEmail(text(json, "email"))
                .setStatus(ServiceStatus.SERVICE_STATUS_ACTIVE);
        if (json.has("minimum_age")) {
            service.setMinimumAge(json.get("minimum_age").getAsInt());
        }
        if (json.has("maximum_age")) {
            service.setMaximumAge(json.get("maximum_age").getAsInt());
        }
        addTerms(service, key, json, "aspects", Taxonomies.ASPECTS_OF_LIFE);
        addTerms(service, key, json, "localities", Taxonomies.LOCALITY);
        addTerms(service, key, json, "audiences", Taxonomies.AUDIENCE);
        for (JsonElement phone : array(json, "phones")) {
            JsonObject p = phone.getAsJsonObject();
            service.addPhones(Phone.newBuilder()
                    .setId(Ids.stable("service:" + key + ":phone:" + text(p, "number")))
                    .setNumber(text(p, "number"))
                    .setDescription(text(p, "description")));
        }
        for (JsonElement location : array(json, "locations")) {
            JsonObject l = location.getAsJsonObject();
            String locationKey = "service:" + key + ":location:" + text(l, "name");
            service.addServiceAtLocations(ServiceAtLocation.newBuilder()
                    .setId(Ids.stable(locationKey + ":at"))
                    .setLocation(Location.newBuilder()
                            .setId(Ids.stable(locationKey))
                            .setLocationType(LocationType.LOCATION_TYPE_PHYSICAL)
                            .setName(text(l, "name"))
                            .setDescription(text(l, "description"))));
        }
        return service.build();
    }

    private static void addTerms(Service.Builder service, String key, JsonObject json, String field, String taxonomy) {
        for (JsonElement slug : array(json, field)) {
            String termId = Taxonomies.termBySlug(taxonomy, slug.getAsString())
                    .orElseThrow(() -> new IllegalStateException(
                            "Demo service " + key + ": unknown " + taxonomy + " " + slug.getAsString()))
                    .getId();
            service.addAttributes(Attribute.newBuilder()
                    .setId(Ids.stable("service:" + key + ":attribute:" + termId))
                    .setTaxonomyTermId(termId));
        }
    }

    private static String text(JsonObject json, String field) {
        return json.has(field) ? json.get(field).getAsString() : "";
    }

    private static JsonArray array(JsonObject json, String field) {
        return json.has(field) ? json.getAsJsonArray(field) : new JsonArray();
    }
}
