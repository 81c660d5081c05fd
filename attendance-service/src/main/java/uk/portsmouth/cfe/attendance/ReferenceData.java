package uk.portsmouth.cfe.attendance;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.helidon.config.Config;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import uk.portsmouth.cfe.attendance.domain.AcademicCalendar;
import uk.portsmouth.cfe.attendance.domain.AttendanceCodes;
import uk.portsmouth.cfe.platform.proto.ClosedSets;
import uk.portsmouth.cfe.platform.resources.JsonResources;
import uk.portsmouth.cfe.proto.attendance.v1.AttendanceCategory;

/** The reference data the service runs on: the attendance codes table and the configured academic calendar. */
public final class ReferenceData {

    private ReferenceData() {}

    public static AttendanceCodes codes() {
        JsonObject table = JsonResources.read("attendance-codes.json");
        List<AttendanceCodes.Code> codes = new java.util.ArrayList<>();
        for (JsonElement element : table.getAsJsonArray("codes")) {
            JsonObject code = element.getAsJsonObject();
            codes.add(new AttendanceCodes.Code(
                    code.get("code").getAsString(),
                    code.get("meaning").getAsString(),
                    ClosedSets.byJsonName(
                                    AttendanceCategory.getDescriptor(),
                                    code.get("category").getAsString())
                            .map(AttendanceCategory::valueOf)
                            .orElseThrow(),
                    code.get("possible_session").getAsBoolean()));
        }
        Map<String, String> retired = new LinkedHashMap<>();
        table.getAsJsonArray("retired")
                .forEach(e -> retired.put(
                        e.getAsJsonObject().get("code").getAsString(),
                        e.getAsJsonObject().get("meaning").getAsString()));
        return new AttendanceCodes(codes, retired);
    }

    /** The terms under {@code academic-calendar.terms}. */
    public static AcademicCalendar calendar(Config config) {
        List<AcademicCalendar.Term> terms = config.get("terms").asNodeList().orElse(List.of()).stream()
                .map(t -> new AcademicCalendar.Term(
                        t.get("year").asString().get(),
                        t.get("name").asString().get(),
                        LocalDate.parse(t.get("start").asString().get()),
                        LocalDate.parse(t.get("end").asString().get()),
                        t.get("breaks").asNodeList().orElse(List.of()).stream()
                                .map(b -> new AcademicCalendar.Break(
                                        LocalDate.parse(
                                                b.get("start").asString().get()),
                                        LocalDate.parse(b.get("end").asString().get())))
                                .toList()))
                .toList();
        return new AcademicCalendar(terms);
    }
}
