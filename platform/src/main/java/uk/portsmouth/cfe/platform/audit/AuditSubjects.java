package uk.portsmouth.cfe.platform.audit;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import uk.portsmouth.cfe.proto.common.v1.AuditSubject;

/** The kinds of subject an audit event can be about, so every service names them alike. */
public final class AuditSubjects {

    public static final String UPN = "upn";
    public static final String PERSON = "person";
    public static final String PLAN = "plan";
    public static final String SCHOOL = "school";
    public static final String MEETING = "meeting";
    public static final String USER = "user";
    public static final String WEBHOOK = "webhook";

    private AuditSubjects() {}

    public static AuditSubject of(String kind, String id) {
        return AuditSubject.newBuilder().setKind(kind).setId(id).build();
    }

    /** A child, by unique pupil number. */
    public static AuditSubject upn(String upn) {
        return of(UPN, upn);
    }

    /** Every child in {@code upns}. */
    public static List<AuditSubject> upns(Collection<String> upns) {
        return upns.stream()
                .filter(u -> !u.isEmpty())
                .distinct()
                .map(AuditSubjects::upn)
                .toList();
    }

    /** A person in a Family Support Plan (a child or adult of the family), by the platform's person id. */
    public static AuditSubject person(String personId) {
        return of(PERSON, personId);
    }

    /** {@code first}, then {@code more}: a record and the people it lists. */
    public static List<AuditSubject> with(AuditSubject first, List<AuditSubject> more) {
        List<AuditSubject> all = new ArrayList<>(List.of(first));
        all.addAll(more);
        return all;
    }

    public static AuditSubject plan(String planId) {
        return of(PLAN, planId);
    }

    public static AuditSubject school(String urn) {
        return of(SCHOOL, urn);
    }

    /** A caller as the subject of a record (their registration, their calendar link), by their token subject. */
    public static AuditSubject user(String subject) {
        return of(USER, subject);
    }

    /** An API client's webhook subscription. */
    public static AuditSubject webhook(String subscriptionId) {
        return of(WEBHOOK, subscriptionId);
    }

    public static AuditSubject meeting(String meetingId) {
        return of(MEETING, meetingId);
    }
}
