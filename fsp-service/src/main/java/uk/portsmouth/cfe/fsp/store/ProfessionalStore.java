package uk.portsmouth.cfe.fsp.store;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.bson.Document;
import org.bson.conversions.Bson;
import uk.portsmouth.cfe.platform.mongo.StoredRecord;
import uk.portsmouth.cfe.platform.mongo.VersionedRecords;
import uk.portsmouth.cfe.platform.paging.Page;
import uk.portsmouth.cfe.platform.paging.Paging;
import uk.portsmouth.cfe.proto.fsp.v1.Professional;

/** The "professionals" collection: the directory of professionals a plan's co-ordinator comes from. */
public final class ProfessionalStore {

    private final VersionedRecords<Professional> professionals;

    public ProfessionalStore(MongoDatabase database) {
        this.professionals = new VersionedRecords<>(
                database.getCollection("professionals"),
                "professional",
                Professional::getProfessionalId,
                Professional::newBuilder,
                ProfessionalStore::searchText);
    }

    public Optional<StoredRecord<Professional>> find(String professionalId) {
        return professionals.find(professionalId);
    }

    /** Adds {@code professional} unless the id is there (demo data; never undoes a manager's edits). */
    public boolean insertIfAbsent(Professional professional, String by) {
        return professionals.insertIfAbsent(professional, by);
    }

    /** Adds a professional an early-help manager sent, with that request's fingerprint; false when the id is taken. */
    public boolean insert(Professional professional, String by, String requestHash) {
        return professionals.insert(professional, by, requestHash);
    }

    /** The fingerprint of the request that added professional {@code id}. */
    public Optional<String> requestHash(String id) {
        return professionals.requestHash(id);
    }

    /** Replaces a professional if still at {@code expectedVersion}; the new version. */
    public long replace(Professional professional, long expectedVersion, String by) {
        return professionals.replace(professional, expectedVersion, by);
    }

    /** The professional an identity provider knows by {@code signIn} ("issuer subject"). */
    public Optional<Professional> findBySignIn(String signIn) {
        return professionals.first(Filters.eq("sign_ins", signIn));
    }

    /** The professional whose work email is {@code email}, in any case. */
    public Optional<Professional> findByEmail(String email) {
        return professionals.first(Filters.eq("_email", email.toLowerCase(Locale.ROOT)));
    }

    /** The professionals whose name, role or agency contain every word of {@code search}, by name. */
    public Page<Professional> search(String search, Paging paging) {
        Bson filter = search.isBlank()
                ? new Document()
                : Filters.and(
                        Arrays.stream(search.toLowerCase(Locale.ROOT).strip().split("\\s+"))
                                .map(word -> Filters.regex("_text", Pattern.quote(word)))
                                .toList());
        return professionals.page(filter, Sorts.ascending("name", "_id"), paging);
    }

    private static void searchText(Professional professional, Document document) {
        document.put("_email", professional.getEmail().toLowerCase(Locale.ROOT));
        document.put(
                "_text",
                (professional.getName() + " " + professional.getRole() + " " + professional.getAgency())
                        .toLowerCase(Locale.ROOT));
    }
}
