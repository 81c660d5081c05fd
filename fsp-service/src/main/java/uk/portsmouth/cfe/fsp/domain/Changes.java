package uk.portsmouth.cfe.fsp.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import uk.portsmouth.cfe.platform.proto.ClosedSets;
import uk.portsmouth.cfe.platform.proto.Dates;
import uk.portsmouth.cfe.proto.fsp.v1.Action;
import uk.portsmouth.cfe.proto.fsp.v1.AspectAssessment;
import uk.portsmouth.cfe.proto.fsp.v1.Family;
import uk.portsmouth.cfe.proto.fsp.v1.Plan;

/** What changed between two states of a plan, in words a reader of its history understands. */
public final class Changes {

    private Changes() {}

    /**
     * Every change from ({@code aspectsBefore}, {@code actionsBefore}) to ({@code aspectsAfter}, {@code
     * actionsAfter}).
     */
    public static List<String> between(
            List<AspectAssessment> aspectsBefore,
            List<Action> actionsBefore,
            List<AspectAssessment> aspectsAfter,
            List<Action> actionsAfter) {
        List<String> changes = new ArrayList<>(aspects(aspectsBefore, aspectsAfter));
        Map<String, Action> before =
                actionsBefore.stream().collect(Collectors.toMap(Action::getId, Function.identity()));
        for (Action after : actionsAfter) {
            Action earlier = before.get(after.getId());
            String name = "action '" + after.getDescription() + "'";
            if (earlier == null) {
                changes.add("new " + name + " for " + after.getOwnerName() + " by " + Dates.text(after.getDueOn()));
                continue;
            }
            if (earlier.getStatus() != after.getStatus()) {
                changes.add(name + ": " + ClosedSets.jsonName(earlier.getStatus()) + " -> "
                        + ClosedSets.jsonName(after.getStatus()));
            }
            if (!earlier.getDueOn().equals(after.getDueOn())) {
                changes.add(name + ": due " + Dates.text(earlier.getDueOn()) + " -> " + Dates.text(after.getDueOn()));
            }
            if (!earlier.getOwnerId().equals(after.getOwnerId())) {
                changes.add(name + ": now " + after.getOwnerName() + "'s");
            }
            if (after.getProgressCount() > earlier.getProgressCount()) {
                changes.add(
                        name + ": " + (after.getProgressCount() - earlier.getProgressCount()) + " progress update(s)");
            }
        }
        return changes;
    }

    /** One line for the history of a plan edit. */
    static String describe(Plan plan, Family family, List<AspectAssessment> aspects) {
        List<String> changes = new ArrayList<>(aspects(plan.getAspectsList(), aspects));
        if (!plan.getFamily().equals(family)) {
            changes.add(0, "family details");
        }
        return changes.isEmpty() ? "no change" : String.join("; ", changes);
    }

    private static List<String> aspects(List<AspectAssessment> before, List<AspectAssessment> after) {
        Map<String, AspectAssessment> earlier =
                before.stream().collect(Collectors.toMap(AspectAssessment::getAspectId, Function.identity()));
        List<String> changes = new ArrayList<>();
        for (AspectAssessment aspect : after) {
            AspectAssessment was = earlier.getOrDefault(aspect.getAspectId(), AspectAssessment.getDefaultInstance());
            List<String> what = new ArrayList<>();
            if (was.getFocus() != aspect.getFocus()) {
                what.add(aspect.getFocus() ? "now a focus" : "no longer a focus");
            }
            if (!was.getStrengths().equals(aspect.getStrengths())) {
                what.add("strengths updated");
            }
            if (!was.getNeeds().equals(aspect.getNeeds())) {
                what.add("needs updated");
            }
            if (!what.isEmpty()) {
                changes.add(aspect.getAspectName() + ": " + String.join(", ", what));
            }
        }
        return changes;
    }
}
