package uk.portsmouth.cfe.fsp.app;

import java.util.ArrayList;
import java.util.List;
import uk.portsmouth.cfe.platform.audit.AuditSubjects;
import uk.portsmouth.cfe.proto.common.v1.AuditSubject;
import uk.portsmouth.cfe.proto.fsp.v1.Plan;

/**
 * Whom a plan's audit events are about: the plan, each person in it ("plan-id/child-1"), and each
 * child's UPN where known, so "who looked at this child?" finds the plan's reads and changes too.
 */
final class PlanSubjects {

    private PlanSubjects() {}

    static List<AuditSubject> of(Plan plan) {
        List<AuditSubject> subjects = new ArrayList<>(List.of(AuditSubjects.plan(plan.getId())));
        plan.getFamily().getChildrenList().forEach(child -> {
            subjects.add(AuditSubjects.person(plan.getId() + "/" + child.getId()));
            if (!child.getUpn().isEmpty()) {
                subjects.add(AuditSubjects.upn(child.getUpn()));
            }
        });
        plan.getFamily()
                .getAdultsList()
                .forEach(adult -> subjects.add(AuditSubjects.person(plan.getId() + "/" + adult.getId())));
        return subjects;
    }
}
