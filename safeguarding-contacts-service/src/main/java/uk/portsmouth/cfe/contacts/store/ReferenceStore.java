package uk.portsmouth.cfe.contacts.store;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.bson.Document;
import org.bson.conversions.Bson;
import uk.portsmouth.cfe.platform.mongo.ProtoDocuments;
import uk.portsmouth.cfe.platform.mongo.VersionedDocuments;
import uk.portsmouth.cfe.platform.paging.Page;
import uk.portsmouth.cfe.platform.paging.Paging;
import uk.portsmouth.cfe.proto.contacts.v1.Bulletin;
import uk.portsmouth.cfe.proto.contacts.v1.GlossaryEntry;

/** The glossary and the bulletins: reference data, read by everyone, seeded from the guide. */
public final class ReferenceStore {

    private static final Bson READ = ProtoDocuments.readProjection();

    private final MongoCollection<Document> glossary;
    private final MongoCollection<Document> bulletins;

    public ReferenceStore(MongoDatabase database) {
        this.glossary = database.getCollection("glossary");
        this.bulletins = database.getCollection("bulletins");
    }

    /** Adds the entry unless its acronym is there already. */
    public boolean addGlossaryEntry(GlossaryEntry entry) {
        Document document = ProtoDocuments.toDocument(entry);
        document.put("_id", entry.getAcronym().toUpperCase(Locale.ROOT));
        return VersionedDocuments.insertIfAbsent(glossary, document);
    }

    public boolean addBulletin(Bulletin bulletin) {
        Document document = ProtoDocuments.toDocument(bulletin);
        document.put("_id", bulletin.getId());
        document.put("_name_sort", bulletin.getName().toLowerCase(Locale.ROOT));
        return VersionedDocuments.insertIfAbsent(bulletins, document);
    }

    /** Entries whose acronym starts with {@code text}, or one of whose meanings contains it; acronym order. */
    public Page<GlossaryEntry> searchGlossary(String text, Paging paging) {
        Bson filter = text.isBlank()
                ? new Document()
                : Filters.or(
                        Filters.regex("_id", "^" + Pattern.quote(text.strip().toUpperCase(Locale.ROOT))),
                        Filters.regex("meanings", Pattern.quote(text.strip()), "i"));
        long total = glossary.countDocuments(filter);
        List<GlossaryEntry> page = glossary.find(filter)
                .projection(READ)
                .sort(Sorts.ascending("_id"))
                .skip(paging.offset())
                .limit(paging.size())
                .map(d -> ProtoDocuments.fromDocument(d, GlossaryEntry.newBuilder())
                        .build())
                .into(new ArrayList<>());
        return new Page<>(paging.info(total, page.size()), page);
    }

    public Page<Bulletin> listBulletins(Paging paging) {
        long total = bulletins.countDocuments();
        List<Bulletin> page = bulletins
                .find()
                .projection(READ)
                .sort(Sorts.ascending("_name_sort"))
                .skip(paging.offset())
                .limit(paging.size())
                .map(d -> ProtoDocuments.fromDocument(d, Bulletin.newBuilder()).build())
                .into(new ArrayList<>());
        return new Page<>(paging.info(total, page.size()), page);
    }
}
