package uk.portsmouth.cfe.contacts.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import org.bson.Document;
import org.bson.conversions.Bson;
import uk.portsmouth.cfe.platform.mongo.ProtoDocuments;
import uk.portsmouth.cfe.platform.mongo.StoredRecord;
import uk.portsmouth.cfe.platform.mongo.VersionedDocuments;
import uk.portsmouth.cfe.platform.paging.Page;
import uk.portsmouth.cfe.platform.paging.Paging;
import uk.portsmouth.cfe.proto.contacts.v1.Team;

/** The "teams" collection: one document a team, keyed by its slug. */
public final class TeamStore {

    private static final Bson READ = ProtoDocuments.readProjection(VersionedDocuments.VERSION, "_modified_by");

    private final MongoCollection<Document> teams;

    public TeamStore(MongoDatabase database) {
        this.teams = database.getCollection("teams");
    }

    public Optional<StoredRecord<Team>> find(String id) {
        return Optional.ofNullable(teams.find(Filters.eq("_id", id)).projection(READ).first()).map(TeamStore::record);
    }

    /** Adds a new team; false when a team with its id exists. */
    public boolean insert(Team team, String modifiedBy) {
        return VersionedDocuments.insertNew(teams, document(team, 1, modifiedBy));
    }

    /** Adds {@code team} unless it exists (demo data; never undoes the LA's edits). */
    public boolean insertIfAbsent(Team team, String modifiedBy) {
        return VersionedDocuments.insertIfAbsent(teams, document(team, 1, modifiedBy));
    }

    public long replace(Team team, long expectedVersion, String modifiedBy) {
        return VersionedDocuments.replace(teams, "team", team.getId(), expectedVersion,
                                          version -> document(team, version, modifiedBy));
    }

    /** Teams in name order: whose name, purpose or "when to use" holds {@code text}, serving {@code tier}. */
    public Page<Team> list(String text, Integer tier, Paging paging) {
        List<Bson> filters = new ArrayList<>();
        if (!text.isBlank()) {
            String contains = Pattern.quote(text.strip());
            filters.add(Filters.or(Filters.regex("name", contains, "i"), Filters.regex("purpose", contains, "i"),
                                   Filters.regex("when_to_use", contains, "i")));
        }
        if (tier != null) {
            filters.add(Filters.eq("tiers", tier));
        }
        Bson filter = filters.isEmpty() ? new Document() : Filters.and(filters);
        long total = teams.countDocuments(filter);
        List<Team> page = teams.find(filter).projection(READ)
                .sort(Sorts.ascending("_name_sort"))
                .skip(paging.offset())
                .limit(paging.size())
                .map(d -> record(d).body())
                .into(new ArrayList<>());
        return new Page<>(paging.info(total, page.size()), page);
    }

    private static Document document(Team team, long version, String modifiedBy) {
        Document document = ProtoDocuments.toDocument(team);
        document.put("_id", team.getId());
        document.put(VersionedDocuments.VERSION, version);
        document.put("_modified_by", modifiedBy);
        document.put("_name_sort", team.getName().toLowerCase(java.util.Locale.ROOT));
        return document;
    }

    private static StoredRecord<Team> record(Document document) {
        return new StoredRecord<>(ProtoDocuments.fromDocument(document, Team.newBuilder()).build(),
                                  document.get(VersionedDocuments.VERSION, Number.class).longValue(),
                                  document.getString("_modified_by"));
    }
}
