package uk.portsmouth.cfe.gateway.dataprotection;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.Iterator;
import java.util.Map;
import org.openpdf.text.Document;
import org.openpdf.text.Font;
import org.openpdf.text.PageSize;
import org.openpdf.text.Paragraph;
import org.openpdf.text.Phrase;
import org.openpdf.text.pdf.BaseFont;
import org.openpdf.text.pdf.PdfPCell;
import org.openpdf.text.pdf.PdfPTable;
import org.openpdf.text.pdf.PdfWriter;

/**
 * A subject access answer as a PDF to send to the person who asked: what is held, service by
 * service, then who accessed it. DejaVu Sans is embedded (as a subset), so every name renders, in
 * any Latin, Greek, Cyrillic, Arabic or Hebrew script, whatever fonts the reader has.
 */
final class SubjectAccessPdf {

    private static final BaseFont REGULAR = font("fonts/DejaVuSans.ttf");
    private static final BaseFont BOLD_FACE = font("fonts/DejaVuSans-Bold.ttf");
    private static final Color NAVY = new Color(0x1d, 0x3b, 0x6e);
    private static final Font TITLE = new Font(BOLD_FACE, 18, Font.NORMAL, NAVY);
    private static final Font HEADING = new Font(BOLD_FACE, 12, Font.NORMAL, NAVY);
    private static final Font BODY = new Font(REGULAR, 9, Font.NORMAL);
    private static final Font SMALL = new Font(REGULAR, 7, Font.NORMAL, Color.DARK_GRAY);
    private static final Font WARNING = new Font(BOLD_FACE, 10, Font.NORMAL, new Color(0xa0, 0x10, 0x10));

    private SubjectAccessPdf() {}

    /** {@code answer}: the JSON answer of {@code GET /v1/subject-access}. */
    static byte[] render(JsonNode answer) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Document document = new Document(PageSize.A4, 40, 40, 40, 40);
        PdfWriter.getInstance(document, out);
        document.open();
        document.add(new Paragraph("Subject access: what the CFE Platform holds", TITLE));
        document.add(new Paragraph("About: " + subject(answer.get("subject")), BODY));
        document.add(new Paragraph("Prepared: " + answer.get("generated_at").asText(), BODY));
        if (!answer.get("complete").asBoolean()) {
            document.add(new Paragraph(
                    "INCOMPLETE: these parts did not answer and must be asked again: "
                            + answer.get("unavailable_services"),
                    WARNING));
        }
        for (JsonNode set : answer.get("records")) {
            document.add(new Paragraph(
                    set.get("description").asText() + " (" + set.get("service").asText() + ")", HEADING));
            if (set.get("records").isEmpty()) {
                document.add(new Paragraph("None held.", BODY));
            }
            for (JsonNode record : set.get("records")) {
                StringBuilder lines = new StringBuilder();
                flatten("", record, lines);
                document.add(new Paragraph(lines.toString(), BODY));
                document.add(new Paragraph(" ", SMALL));
            }
        }
        document.add(new Paragraph("Who accessed these records", HEADING));
        PdfPTable table = new PdfPTable(new float[] {3, 3, 3, 4, 2, 3});
        table.setWidthPercentage(100);
        for (String column : new String[] {"When", "Service", "Who", "What", "Outcome", "Why"}) {
            table.addCell(new PdfPCell(new Phrase(column, SMALL)));
        }
        for (JsonNode event : answer.get("audit_trail")) {
            table.addCell(new Phrase(event.path("at").asText(), SMALL));
            table.addCell(new Phrase(event.path("service").asText(), SMALL));
            table.addCell(new Phrase(
                    event.path("caller").asText() + " " + event.path("roles").toString(), SMALL));
            table.addCell(new Phrase(event.path("action").asText(), SMALL));
            table.addCell(new Phrase(event.path("outcome").asText(), SMALL));
            table.addCell(new Phrase(event.path("purpose").asText(), SMALL));
        }
        document.add(table);
        if (answer.get("audit_trail_truncated").asBoolean()) {
            document.add(new Paragraph("Only the newest events are listed here.", SMALL));
        }
        document.close();
        return out.toByteArray();
    }

    private static String subject(JsonNode subject) {
        return subject.has("upn")
                ? "the child with UPN " + subject.get("upn").asText()
                : "person " + subject.get("person_id").asText();
    }

    /** A record as "field: value" lines, nested fields by their dotted path. */
    private static void flatten(String prefix, JsonNode node, StringBuilder lines) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                flatten(prefix.isEmpty() ? field.getKey() : prefix + "." + field.getKey(), field.getValue(), lines);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                flatten(prefix + "[" + (i + 1) + "]", node.get(i), lines);
            }
        } else {
            lines.append(prefix).append(": ").append(asWritten(node)).append('\n');
        }
    }

    /**
     * A value as a person writes it: records travel as JSON values whose numbers are all doubles
     * (google.protobuf.Value), so a year group of 4 arrives as 4.0; whole numbers print whole.
     */
    static String asWritten(JsonNode value) {
        if (value.isNumber()) {
            BigDecimal number = value.decimalValue().stripTrailingZeros();
            return number.scale() <= 0 ? number.toBigInteger().toString() : number.toPlainString();
        }
        return value.asText();
    }

    private static BaseFont font(String resource) {
        try (InputStream in = SubjectAccessPdf.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the classpath");
            }
            return BaseFont.createFont(
                    resource.substring(resource.lastIndexOf('/') + 1),
                    BaseFont.IDENTITY_H,
                    BaseFont.EMBEDDED,
                    true,
                    in.readAllBytes(),
                    null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
