package uk.portsmouth.cfe.contacts.demo;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.logging.Logger;
import uk.portsmouth.cfe.contacts.domain.MeetingSchedule;
import uk.portsmouth.cfe.contacts.domain.NamedContacts;
import uk.portsmouth.cfe.contacts.domain.TeamRules;
import uk.portsmouth.cfe.contacts.store.MeetingStore;
import uk.portsmouth.cfe.contacts.store.ReferenceStore;
import uk.portsmouth.cfe.contacts.store.SchoolContactStore;
import uk.portsmouth.cfe.contacts.store.TeamStore;
import uk.portsmouth.cfe.platform.resources.JsonResources;
import uk.portsmouth.cfe.proto.contacts.v1.Bulletin;
import uk.portsmouth.cfe.proto.contacts.v1.GlossaryEntry;
import uk.portsmouth.cfe.proto.contacts.v1.MeetingSeries;
import uk.portsmouth.cfe.proto.contacts.v1.SchoolContacts;
import uk.portsmouth.cfe.proto.contacts.v1.Team;

/**
 * The guide's key teams, its acronym table, its bulletins and its meeting series
 * ({@code contacts-demo.json}, written in the API's own JSON). Addresses the guide withholds are
 * routes marked unknown. The guide gives meetings' cadence, not their dates: the days and dates of
 * the current academic year here are demo values. Named contacts for ten demo schools are invented
 * people at {@code .example} addresses, with some roles left vacant. Loading again adds nothing and
 * never undoes an edit.
 */
public final class ContactsDemoData {

    private static final Logger LOGGER = Logger.getLogger(ContactsDemoData.class.getName());
    private static final String RESOURCE = "contacts-demo.json";

    private ContactsDemoData() {}

    /** Adds what is missing; returns how many teams were added. */
    public static int load(
            TeamStore teams, ReferenceStore reference, MeetingStore meetings, SchoolContactStore schoolContacts) {
        JsonObject demo = JsonResources.read(RESOURCE);
        String now = Instant.now().truncatedTo(ChronoUnit.MILLIS).toString();
        int added = 0;
        for (JsonElement element : demo.getAsJsonArray("teams")) {
            Team team = JsonResources.parse(element, Team.newBuilder());
            TeamRules.validate(team);
            if (teams.insertIfAbsent(
                    team.toBuilder()
                            .setId(TeamRules.slug(team.getName()))
                            .setLastModified(now)
                            .build(),
                    "demo-data")) {
                added++;
            }
        }
        demo.getAsJsonArray("glossary")
                .forEach(e -> reference.addGlossaryEntry(JsonResources.parse(e, GlossaryEntry.newBuilder())));
        demo.getAsJsonArray("bulletins")
                .forEach(e -> reference.addBulletin(JsonResources.parse(e, Bulletin.newBuilder())));
        for (JsonElement element : demo.getAsJsonArray("meeting_series")) {
            MeetingSeries series = JsonResources.parse(element, MeetingSeries.newBuilder());
            MeetingSchedule.validate(series);
            meetings.addIfAbsent(series);
        }
        for (JsonElement element : demo.getAsJsonArray("school_contacts")) {
            SchoolContacts school = JsonResources.parse(element, SchoolContacts.newBuilder());
            NamedContacts.validate(school.getContactsList());
            schoolContacts.insertIfAbsent(
                    school.toBuilder().setLastModified(now).build(), "demo-data");
        }
        int count = added;
        LOGGER.info(() -> "Contacts demo data: " + count + " teams added");
        return added;
    }
}
