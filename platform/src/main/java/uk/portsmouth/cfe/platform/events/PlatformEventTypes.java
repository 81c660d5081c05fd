package uk.portsmouth.cfe.platform.events;

/**
 * The event types the services' writes cause, named once: the services record them and the
 * gateway's webhooks decide who hears each (docs/webhooks.md lists them with their payloads).
 */
public final class PlatformEventTypes {

    public static final String ABSENCE_REPORT_CREATED = "absence-report.created";
    public static final String ABSENCE_REPORT_UPDATED = "absence-report.updated";
    public static final String ABSENCE_REPORT_REVIEWED = "absence-report.reviewed";
    public static final String ROLL_REMOVAL_NOTIFIED = "roll-removal.notified";
    public static final String CME_CASE_OPENED = "cme-case.opened";
    public static final String OUTBREAK_ALERT = "attendance.outbreak-alert";
    public static final String DIRECTORY_SERVICE_CHANGED = "directory.service.changed";
    public static final String FSP_REVIEW_DUE = "fsp.review.due";
    public static final String FSP_REVIEW_OVERDUE = "fsp.review.overdue";

    private PlatformEventTypes() {}
}
