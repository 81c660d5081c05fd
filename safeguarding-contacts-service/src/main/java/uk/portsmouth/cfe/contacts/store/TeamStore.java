package uk.portsmouth.cfe.contacts.store;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.bson.Document;
import org.bson.conversions.Bson;
import uk.portsmouth.cfe.platform.mongo.StoredRecord;
import uk.portsmouth.cfe.platform.mongo.VersionedRecords;
import uk.portsmouth.cfe.platform.paging.Page;
import uk.portsmouth.cfe.platform.paging.Paging;
import uk.portsmouth.cfe.proto.contacts.v1.Team;

/** The "teams" collection: one document a team, keyed by its slug. */
public final class TeamStore {

    private final VersionedRecords<Team> teams;

    public TeamStore(MongoDatabase database) {
        this.teams = new VersionedRecords<>(
                database.getCollection("teams"),
                "team",
                Team::getId,
                Team::newBuilder,
                (team, document) -> document.put("_name_sort", team.getName().toLowerCase(Locale.ROOT)));
    }

    public Optional<StoredRecord<Team>> find(String id) {
        return teams.find(id);
    }

    /** Adds a new team; false when a team with its id exists. */
    public boolean insert(Team team, String modifiedBy) {
        return teams.insert(team, modifiedBy);
    }

    /** Adds a new record made by a client's create, with that request's fingerprint; false when its id is taken. */
    public boolean insert(Team team, String modifiedBy, String requestHash) {
        return teams.insert(team, modifiedBy, requestHash);
    }

    /** The fingerprint of the create that made record {@code id}. */
    public Optional<String> requestHash(String id) {
        return teams.requestHash(id);
    }

    /** Adds {@code team} unless it exists (demo data; never undoes the LA's edits). */
    public boolean insertIfAbsent(Team team, String modifiedBy) {
        return teams.insertIfAbsent(team, modifiedBy);
    }

    public long replace(Team team, long expectedVersion, String modifiedBy) {
        return teams.replace(team, expectedVersion, modifiedBy);
    }

    /** Teams in name order: whose name, purpose or "when to use" holds {@code text}, serving {@code tier}. */
    public Page<Team> list(String text, Integer tier, Paging paging) {
        List<Bson> filters = new ArrayList<>();
        if (!text.isBlank()) {
            String contains = Pattern.quote(text.strip());
            filters.add(Filters.or(
                    Filters.regex("name", contains, "i"),
                    Filters.regex("purpose", contains, "i"),
                    Filters.regex("when_to_use", contains, "i")));
        }
        if (tier != null) {
            filters.add(Filters.eq("tiers", tier));
        }
        return teams.page(
                filters.isEmpty() ? new Document() : Filters.and(filters), Sorts.ascending("_name_sort"), paging);
    }
}
