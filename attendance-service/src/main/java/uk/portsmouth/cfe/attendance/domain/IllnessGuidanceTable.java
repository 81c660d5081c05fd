package uk.portsmouth.cfe.attendance.domain;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import uk.portsmouth.cfe.platform.proto.Dates;
import uk.portsmouth.cfe.platform.resources.JsonResources;
import uk.portsmouth.cfe.proto.attendance.v1.IllnessGuidance;

/**
 * The symptom categories a parents' app reports and, for each, the national health-protection
 * guidance on keeping a child off school (UKHSA's exclusion table, {@code illness-guidance.json},
 * with its source and the version it follows).
 */
public final class IllnessGuidanceTable {

    private final Map<String, IllnessGuidance> byCategory;

    private IllnessGuidanceTable(Map<String, IllnessGuidance> byCategory) {
        this.byCategory = byCategory;
    }

    public static IllnessGuidanceTable load() {
        JsonObject table = JsonResources.read("illness-guidance.json");
        Map<String, IllnessGuidance> byCategory = new LinkedHashMap<>();
        for (JsonElement element : table.getAsJsonArray("categories")) {
            IllnessGuidance guidance =
                    JsonResources.<IllnessGuidance>parse(element, IllnessGuidance.newBuilder()).toBuilder()
                            .setSource(table.get("source").getAsString())
                            .setSourceUrl(table.get("source_url").getAsString())
                            .setSourceUpdated(Dates.of(
                                    LocalDate.parse(table.get("source_updated").getAsString())))
                            .build();
            byCategory.put(guidance.getCategory(), guidance);
        }
        return new IllnessGuidanceTable(byCategory);
    }

    public Set<String> categories() {
        return byCategory.keySet();
    }

    public Optional<IllnessGuidance> of(String category) {
        return Optional.ofNullable(byCategory.get(category));
    }

    public List<IllnessGuidance> all() {
        return List.copyOf(byCategory.values());
    }
}
