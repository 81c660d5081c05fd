package uk.portsmouth.cfe.contacts.domain;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import uk.portsmouth.cfe.platform.errors.FieldChecks;
import uk.portsmouth.cfe.platform.reference.TextLimits;
import uk.portsmouth.cfe.proto.contacts.v1.NamedContact;

/**
 * The All Schools Contacts Tracker's roles (in the spreadsheet's column order) and what makes a
 * school's set of named contacts valid. A role nobody holds is shown as vacant, never dropped.
 */
public final class NamedContacts {

    /** Role -> what it is; the last three are partner counterparts, not school staff. */
    public static final Map<String, String> ROLES = roles();
    /** At most this many people share a role (co-headteachers, several deputy DSLs). */
    public static final int MAX_PER_ROLE = 5;

    private static final Pattern PHONE = Pattern.compile("^\\+?[0-9 ()-]{6,20}$");

    private NamedContacts() {}

    private static Map<String, String> roles() {
        Map<String, String> roles = new LinkedHashMap<>();
        roles.put("headteacher", "Headteacher");
        roles.put("dsl", "Designated Safeguarding Lead");
        roles.put("deputy_dsl", "Deputy Designated Safeguarding Lead");
        roles.put("senco", "SENCO");
        roles.put("attendance_lead", "Attendance lead");
        roles.put("senior_mental_health_lead", "Senior mental health lead");
        roles.put("designated_teacher", "Designated teacher for children we care for");
        roles.put("eal_lead", "EAL lead");
        roles.put("pcso", "Allocated PCSO (police)");
        roles.put("link_coordinator", "LA Link Coordinator");
        roles.put("educational_psychologist", "Educational psychologist");
        return java.util.Collections.unmodifiableMap(roles);
    }

    /** Checks a school's contacts as sent; throws with every problem, nothing is written. */
    public static void validate(List<NamedContact> contacts) {
        FieldChecks checks = new FieldChecks();
        Map<String, Integer> perRole = new LinkedHashMap<>();
        for (int i = 0; i < contacts.size(); i++) {
            NamedContact contact = contacts.get(i);
            if (contact.getVacant()) {
                continue; // a vacancy sent back as read: nothing to check, nothing kept
            }
            String at = "/contacts/" + i;
            if (!ROLES.containsKey(contact.getRole())) {
                checks.fail(at + "/role", "role must be one of " + String.join(", ", ROLES.keySet()));
            } else if (perRole.merge(contact.getRole(), 1, Integer::sum) > MAX_PER_ROLE) {
                checks.fail(at + "/role", "at most " + MAX_PER_ROLE + " people per role");
            }
            if (contact.getName().isBlank()) {
                checks.fail(at + "/name", "name is required (leave a vacant role out)");
            } else if (contact.getName().length() > TextLimits.NAME) {
                checks.fail(at + "/name", "name must be at most " + TextLimits.NAME + " characters");
            }
            if (!contact.getEmail().isEmpty() && !TeamRules.isEmail(contact.getEmail())) {
                checks.fail(at + "/email", "not a valid email address");
            }
            if (!contact.getPhone().isEmpty()
                    && (!PHONE.matcher(contact.getPhone()).matches()
                            || contact.getPhone().replaceAll("[^0-9]", "").length() < 6)) {
                checks.fail(at + "/phone", "not a valid phone number");
            }
            if (contact.getEmail().isEmpty() && contact.getPhone().isEmpty()) {
                checks.fail(at + "/email", "give an email address or a phone number");
            }
        }
        checks.throwIfAny("The school's contacts are not valid");
    }

    /** Every role in tracker order: the people who hold it, or one vacant entry. */
    public static List<NamedContact> withVacancies(List<NamedContact> held) {
        List<NamedContact> all = new ArrayList<>();
        for (String role : ROLES.keySet()) {
            List<NamedContact> holders = held.stream()
                    .filter(c -> c.getRole().equals(role))
                    .sorted(Comparator.comparing(NamedContact::getName))
                    .toList();
            if (holders.isEmpty()) {
                all.add(NamedContact.newBuilder().setRole(role).setVacant(true).build());
            } else {
                all.addAll(holders);
            }
        }
        return all;
    }

    /** What is kept of a set as sent: the people (vacancies are derived, not stored), trimmed. */
    public static List<NamedContact> held(List<NamedContact> sent) {
        return sent.stream()
                .filter(c -> !c.getVacant())
                .map(c -> c.toBuilder()
                        .setName(c.getName().strip())
                        .setEmail(c.getEmail().strip())
                        .setPhone(c.getPhone().strip())
                        .setOrganisation(c.getOrganisation().strip())
                        .build())
                .toList();
    }
}
