package uk.portsmouth.cfe.gateway.fsp;

import com.google.protobuf.ProtocolMessageEnum;
import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import org.openpdf.text.Document;
import org.openpdf.text.Element;
import org.openpdf.text.Font;
import org.openpdf.text.PageSize;
import org.openpdf.text.Paragraph;
import org.openpdf.text.Phrase;
import org.openpdf.text.pdf.PdfPCell;
import org.openpdf.text.pdf.PdfPTable;
import org.openpdf.text.pdf.PdfWriter;
import uk.portsmouth.cfe.platform.proto.ClosedSets;
import uk.portsmouth.cfe.platform.proto.Dates;
import uk.portsmouth.cfe.proto.fsp.v1.Action;
import uk.portsmouth.cfe.proto.fsp.v1.AspectAssessment;
import uk.portsmouth.cfe.proto.fsp.v1.Family;
import uk.portsmouth.cfe.proto.fsp.v1.Plan;
import uk.portsmouth.cfe.proto.fsp.v1.Professional;
import uk.portsmouth.cfe.proto.fsp.v1.ProgressUpdate;
import uk.portsmouth.cfe.proto.fsp.v1.Review;
import uk.portsmouth.cfe.proto.fsp.v1.ReviewSummary;
import uk.portsmouth.cfe.proto.fsp.v1.TeamMember;

/**
 * A plan, or one review snapshot, as a PDF to hand to the family or upload to an agency's own
 * system: every section in plain words, people by name, no internal ids (OpenPDF).
 */
final class PlanPdf {

    private static final Font TITLE = new Font(Font.HELVETICA, 20, Font.BOLD, new Color(0x1d, 0x3b, 0x6e));
    private static final Font HEADING = new Font(Font.HELVETICA, 13, Font.BOLD, new Color(0x1d, 0x3b, 0x6e));
    private static final Font BOLD = new Font(Font.HELVETICA, 10, Font.BOLD);
    private static final Font BODY = new Font(Font.HELVETICA, 10, Font.NORMAL);
    private static final Font SMALL = new Font(Font.HELVETICA, 8, Font.ITALIC, Color.DARK_GRAY);
    private static final Color HEADER_FILL = new Color(0xe8, 0xee, 0xf7);

    private PlanPdf() {}

    static byte[] plan(Plan plan) {
        return render(document -> {
            document.add(new Paragraph("Family Support Plan", TITLE));
            document.add(new Paragraph("The " + plan.getFamily().getFamilyName() + " family", HEADING));
            document.add(line(status(plan)));
            family(document, plan.getFamily());
            heading(document, "Consent");
            document.add(line(consent(plan)));
            coordinator(document, plan.getCoordinator());
            team(document, plan.getTeamList());
            aspects(document, plan.getAspectsList());
            actions(document, plan.getActionsList(), plan.getAspectsList());
            heading(document, "Reviews");
            document.add(line("Reviews fall due 6 and 12 weeks after the plan starts, then every 12 weeks."
                    + (!Dates.given(plan.getNextReviewDue())
                            ? ""
                            : " Next review due: " + Dates.text(plan.getNextReviewDue()) + ".")));
            for (ReviewSummary review : plan.getReviewsList()) {
                document.add(line("Review " + review.getNumber() + ": completed " + Dates.text(review.getCompletedOn())
                        + " by " + review.getCompletedBy()));
            }
            if (plan.hasClosure()) {
                heading(document, "Closure");
                document.add(line("Closed on " + Dates.text(plan.getClosure().getClosedOn()) + ": "
                        + words(plan.getClosure().getOutcome())
                        + (plan.getClosure().getNote().isEmpty()
                                ? ""
                                : ". " + plan.getClosure().getNote())));
            }
        });
    }

    static byte[] review(Review review) {
        return render(document -> {
            document.add(new Paragraph("Family Support Plan: review " + review.getNumber(), TITLE));
            document.add(new Paragraph("The " + review.getFamily().getFamilyName() + " family", HEADING));
            document.add(line("Tier " + review.getTier() + " · review started " + Dates.text(review.getStartedOn())
                    + ", completed " + Dates.text(review.getCompletedOn()) + " by " + review.getCompletedBy()));
            family(document, review.getFamily());
            coordinator(document, review.getCoordinator());
            heading(document, "Summary of the review");
            document.add(line(review.getSummary().isEmpty() ? "(none recorded)" : review.getSummary()));
            heading(document, "What the family said");
            document.add(line(review.getFamilyViews().isEmpty() ? "(none recorded)" : review.getFamilyViews()));
            heading(document, "What changed at this review");
            if (review.getChangesList().isEmpty()) {
                document.add(line("No changes."));
            }
            for (String change : review.getChangesList()) {
                document.add(line("• " + change));
            }
            aspects(document, review.getAspectsList());
            actions(document, review.getActionsList(), review.getAspectsList());
        });
    }

    private static String status(Plan plan) {
        StringBuilder status = new StringBuilder(
                        words(plan.getStatus()).substring(0, 1).toUpperCase()
                                + words(plan.getStatus()).substring(1))
                .append(" · Tier ")
                .append(plan.getTier())
                .append(plan.getTier() == 2 ? " (Additional)" : " (Targeted)");
        if (Dates.given(plan.getStartDate())) {
            status.append(" · started ").append(Dates.text(plan.getStartDate()));
        }
        if (plan.getSupportsEhcp()) {
            status.append(" · supports an EHCP application");
        }
        return status.toString();
    }

    private static String consent(Plan plan) {
        if (!Dates.given(plan.getConsent().getGivenOn())) {
            return "Not yet recorded: nothing in this plan is shared until the family agrees.";
        }
        String who = plan.getFamily().getAdultsList().stream()
                .filter(a -> a.getId().equals(plan.getConsent().getGivenBy()))
                .map(a -> a.getGivenName() + " " + a.getFamilyName())
                .findFirst()
                .orElse("the family");
        String given = "Given by " + who + " on " + Dates.text(plan.getConsent().getGivenOn()) + ", recorded by "
                + plan.getConsent().getRecordedBy() + ".";
        return !Dates.given(plan.getConsent().getWithdrawnOn())
                ? given
                : given + " Withdrawn on " + Dates.text(plan.getConsent().getWithdrawnOn())
                        + ": the plan is no longer shared.";
    }

    private static void family(Document document, Family family) {
        heading(document, "The family");
        PdfPTable children = table(new float[] {3, 2}, "Child", "Date of birth");
        family.getChildrenList()
                .forEach(c ->
                        cells(children, c.getGivenName() + " " + c.getFamilyName(), Dates.text(c.getDateOfBirth())));
        document.add(children);
        if (family.getAdultsCount() > 0) {
            PdfPTable adults = table(new float[] {3, 2, 2}, "Adult", "Relationship", "Phone");
            family.getAdultsList()
                    .forEach(a -> cells(
                            adults, a.getGivenName() + " " + a.getFamilyName(), a.getRelationship(), a.getPhone()));
            document.add(adults);
        }
        List<String> address = new ArrayList<>(family.getAddress().getLinesList());
        if (!family.getAddress().getPostcode().isEmpty()) {
            address.add(family.getAddress().getPostcode());
        }
        if (!address.isEmpty()) {
            document.add(line("Address: " + String.join(", ", address)));
        }
        if (!family.getLanguage().isEmpty()) {
            document.add(line("Language: " + family.getLanguage()
                    + (family.getInterpreterNeeded() ? " (an interpreter is needed)" : "")));
        }
    }

    private static void coordinator(Document document, Professional coordinator) {
        heading(document, "Co-ordinator");
        document.add(line(coordinator.getName() + ", " + coordinator.getRole() + ", " + coordinator.getAgency()
                + (coordinator.getEmail().isEmpty() ? "" : " (" + coordinator.getEmail() + ")")));
    }

    private static void team(Document document, List<TeamMember> team) {
        heading(document, "Team Around the Family");
        PdfPTable table = table(new float[] {3, 3, 3}, "Name", "Role", "Agency");
        team.forEach(m -> cells(table, m.getName(), m.getRole(), m.getAgency()));
        document.add(table);
    }

    private static void aspects(Document document, List<AspectAssessment> aspects) {
        heading(document, "The 10 aspects of life");
        for (AspectAssessment aspect : aspects) {
            Paragraph name =
                    new Paragraph(aspect.getAspectName() + (aspect.getFocus() ? "  (a focus of this plan)" : ""), BOLD);
            name.setSpacingBefore(4);
            document.add(name);
            document.add(line("Strengths: " + (aspect.getStrengths().isEmpty() ? "-" : aspect.getStrengths())));
            document.add(line("Needs and challenges: " + (aspect.getNeeds().isEmpty() ? "-" : aspect.getNeeds())));
        }
    }

    private static void actions(Document document, List<Action> actions, List<AspectAssessment> aspects) {
        heading(document, "Actions");
        if (actions.isEmpty()) {
            document.add(line("No actions yet."));
            return;
        }
        PdfPTable table = table(new float[] {3, 5, 3, 2, 2}, "Aspect", "What", "Who", "By when", "Status");
        for (Action action : actions) {
            StringBuilder what = new StringBuilder(action.getDescription());
            for (ProgressUpdate progress : action.getProgressList()) {
                what.append("\n")
                        .append(Dates.text(progress.getOn()))
                        .append(": ")
                        .append(progress.getNote());
            }
            cells(
                    table,
                    aspects.stream()
                            .filter(a -> a.getAspectId().equals(action.getAspectId()))
                            .map(AspectAssessment::getAspectName)
                            .findFirst()
                            .orElse(""),
                    what.toString(),
                    action.getOwnerName(),
                    Dates.text(action.getDueOn()),
                    words(action.getStatus()));
        }
        document.add(table);
    }

    private static void heading(Document document, String text) {
        Paragraph heading = new Paragraph(text, HEADING);
        heading.setSpacingBefore(12);
        heading.setSpacingAfter(4);
        document.add(heading);
    }

    private static Paragraph line(String text) {
        return new Paragraph(text, BODY);
    }

    private static PdfPTable table(float[] widths, String... headers) {
        PdfPTable table = new PdfPTable(widths);
        table.setWidthPercentage(100);
        table.setSpacingBefore(4);
        table.setHeaderRows(1);
        for (String header : headers) {
            PdfPCell cell = new PdfPCell(new Phrase(header, BOLD));
            cell.setBackgroundColor(HEADER_FILL);
            table.addCell(cell);
        }
        return table;
    }

    private static void cells(PdfPTable table, String... values) {
        for (String value : values) {
            PdfPCell cell = new PdfPCell(new Phrase(value, BODY));
            cell.setVerticalAlignment(Element.ALIGN_TOP);
            table.addCell(cell);
        }
    }

    /** "stepped_up_to_social_care" reads "stepped up to social care". */
    private static String words(ProtocolMessageEnum value) {
        return ClosedSets.jsonName(value).replace('_', ' ');
    }

    @FunctionalInterface
    private interface Content {
        void write(Document document);
    }

    private static byte[] render(Content content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Document document = new Document(PageSize.A4, 40, 40, 40, 40);
        PdfWriter.getInstance(document, out);
        document.addTitle("Family Support Plan");
        document.open();
        content.write(document);
        document.add(new Paragraph(
                "This plan holds personal information about your family. Keep it somewhere safe.", SMALL));
        document.close();
        return out.toByteArray();
    }
}
