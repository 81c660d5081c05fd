package uk.portsmouth.cfe.platform.reference;

import java.util.Set;

/** The roles a caller can hold across the platform: one definition the gateway and every service check against. */
public final class Roles {

    public static final String LA_ADMIN = "la_admin";
    public static final String LA_OFFICER = "la_officer";
    public static final String EARLY_HELP_MANAGER = "early_help_manager";
    public static final String PROFESSIONAL = "professional";
    public static final String SCHOOL = "school";
    public static final String DIRECTORY_EDITOR = "directory_editor";
    public static final String PARTNER = "partner";
    /**
     * The council's data protection officer: reads the audit trail, answers subject access requests
     * and reviews retention; no other route (a separate duty from running the service).
     */
    public static final String DPO = "dpo";
    /**
     * A parents' app (the council's or a supplier's, such as Studybugs) that authenticated the parent
     * itself: it creates absence reports and reads back its own, nothing else.
     */
    public static final String PARENT_APP = "parent_app";

    public static final Set<String> ALL = Set.of(
            LA_ADMIN, LA_OFFICER, EARLY_HELP_MANAGER, PROFESSIONAL, SCHOOL, DIRECTORY_EDITOR, PARTNER, DPO, PARENT_APP);

    /** The local authority's staff. */
    public static final Set<String> LA = Set.of(LA_OFFICER, LA_ADMIN);
    /** Who acts for a school: the school's own clients, and the LA. */
    public static final Set<String> SCHOOL_OR_LA = Set.of(SCHOOL, LA_OFFICER, LA_ADMIN);

    private Roles() {}
}
