package uk.portsmouth.cfe.gateway.contacts;

import com.fasterxml.jackson.databind.JsonNode;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import uk.portsmouth.cfe.gateway.auth.Authenticator;
import uk.portsmouth.cfe.gateway.auth.Caller;
import uk.portsmouth.cfe.gateway.http.AllPages;
import uk.portsmouth.cfe.gateway.http.Compression;
import uk.portsmouth.cfe.gateway.http.CsvCells;
import uk.portsmouth.cfe.gateway.http.ETags;
import uk.portsmouth.cfe.gateway.http.Json;
import uk.portsmouth.cfe.gateway.http.QueryParams;
import uk.portsmouth.cfe.gateway.http.RequestBodies;
import uk.portsmouth.cfe.platform.reference.Roles;
import uk.portsmouth.cfe.proto.contacts.v1.GetSchoolContactsRequest;
import uk.portsmouth.cfe.proto.contacts.v1.ListNamedContactsRequest;
import uk.portsmouth.cfe.proto.contacts.v1.NamedContact;
import uk.portsmouth.cfe.proto.contacts.v1.NamedContactEntry;
import uk.portsmouth.cfe.proto.contacts.v1.NamedContactPage;
import uk.portsmouth.cfe.proto.contacts.v1.SchoolContactsRecord;
import uk.portsmouth.cfe.proto.contacts.v1.SchoolContactsServiceGrpc.SchoolContactsServiceBlockingStub;
import uk.portsmouth.cfe.proto.contacts.v1.UpdateSchoolContactsRequest;

/**
 * The All Schools Contacts Tracker: {@code /v1/schools/{urn}/contacts} (the school itself or the
 * LA), {@code /v1/contacts/lists} (targeted lists) and {@code /v1/contacts/export.csv} (the
 * spreadsheet, every role of every school, vacancies included), both LA only.
 */
public final class SchoolContactsRoutes implements HttpService {

    private static final Set<String> LA = Set.of(Roles.LA_OFFICER, Roles.LA_ADMIN);
    private static final String[] CSV_COLUMNS = {
        "urn", "school_name", "phase", "locality", "role", "vacant", "name", "email", "phone", "organisation"
    };

    private final SchoolContactsServiceBlockingStub tracker;
    private final Authenticator authenticator;
    private final RequestBodies bodies;

    public SchoolContactsRoutes(
            SchoolContactsServiceBlockingStub tracker, Authenticator authenticator, RequestBodies bodies) {
        this.tracker = tracker;
        this.authenticator = authenticator;
        this.bodies = bodies;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/schools/{urn}/contacts", this::get)
                .put("/schools/{urn}/contacts", this::update)
                .get("/contacts/lists", this::list)
                .get("/contacts/export.csv", this::export);
    }

    private void get(ServerRequest req, ServerResponse res) {
        String urn = req.path().pathParameters().get("urn");
        SchoolContactsRecord record = authenticator
                .forSchool(tracker, req, urn)
                .getSchoolContacts(
                        GetSchoolContactsRequest.newBuilder().setUrn(urn).build());
        Json.send(
                req, res, Status.OK_200, Json.proto(record.getSchoolContacts()), ETags.ofVersion(record.getVersion()));
    }

    private void update(ServerRequest req, ServerResponse res) {
        String urn = req.path().pathParameters().get("urn");
        SchoolContactsServiceBlockingStub stub = authenticator.forSchool(tracker, req, urn);
        long version = ETags.requiredVersion(req);
        JsonNode body = bodies.read(req, "SchoolContactsInput");
        RequestBodies.requireKeyOfPath(body, "urn", urn);
        UpdateSchoolContactsRequest.Builder update =
                UpdateSchoolContactsRequest.newBuilder().setUrn(urn).setExpectedVersion(version);
        body.path("contacts").forEach(contact -> update.addContacts(Json.toProto(contact, NamedContact.newBuilder())));
        SchoolContactsRecord updated = stub.updateSchoolContacts(update.build());
        Json.send(
                req,
                res,
                Status.OK_200,
                Json.proto(updated.getSchoolContacts()),
                ETags.ofVersion(updated.getVersion()));
    }

    private void list(ServerRequest req, ServerResponse res) {
        Caller caller = authenticator.require(req, LA);
        NamedContactPage page = authenticator
                .on(tracker, req, Optional.of(caller))
                .listNamedContacts(filters(req, QueryParams.bool(req, "include_vacant"))
                        .setPage(QueryParams.page(req))
                        .build());
        Json.ok(req, res, Json.page(req, res, page.getPage(), page.getContentsList()));
    }

    /** The tracker as a spreadsheet: one row a role a school, vacant roles included, same filters as lists. */
    private void export(ServerRequest req, ServerResponse res) {
        Caller caller = authenticator.require(req, LA);
        ListNamedContactsRequest.Builder filters = filters(req, true);
        SchoolContactsServiceBlockingStub stub = authenticator.on(tracker, req, Optional.of(caller));
        List<NamedContactEntry> entries = AllPages.of(
                page -> stub.listNamedContacts(filters.setPage(page).build()),
                NamedContactPage::getPage,
                NamedContactPage::getContentsList);
        StringWriter csv = new StringWriter();
        try (CSVPrinter printer = new CSVPrinter(
                csv, CSVFormat.RFC4180.builder().setHeader(CSV_COLUMNS).get())) {
            for (NamedContactEntry entry : entries) {
                NamedContact contact = entry.getContact();
                printer.printRecord(
                        cell(entry.getUrn()),
                        cell(entry.getSchoolName()),
                        entry.getPhase(),
                        entry.getLocality(),
                        contact.getRole(),
                        contact.getVacant() ? "yes" : "no",
                        cell(contact.getName()),
                        cell(contact.getEmail()),
                        cell(contact.getPhone()),
                        cell(contact.getOrganisation()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        res.header(HeaderNames.CONTENT_TYPE, "text/csv; charset=utf-8")
                .header(HeaderNames.CONTENT_DISPOSITION, "attachment; filename=\"school-contacts.csv\"");
        Compression.send(req, res, csv.toString());
    }

    private static ListNamedContactsRequest.Builder filters(ServerRequest req, boolean includeVacant) {
        return ListNamedContactsRequest.newBuilder()
                .addAllRoles(QueryParams.all(req, "role"))
                .setLocality(QueryParams.text(req, "locality"))
                .setPhase(QueryParams.text(req, "phase"))
                .setIncludeVacant(includeVacant);
    }

    private static String cell(String value) {
        return CsvCells.safe(value);
    }
}
