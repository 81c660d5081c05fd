package uk.portsmouth.cfe.attendance.testing;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import uk.portsmouth.cfe.platform.identifiers.Upns;
import uk.portsmouth.cfe.proto.attendance.v1.Mark;
import uk.portsmouth.cfe.proto.attendance.v1.Pupil;
import uk.portsmouth.cfe.proto.attendance.v1.SenStatus;

/** Rolls and weeks of marks the ingest tests write. */
public final class MarkFixtures {

    private MarkFixtures() {}

    /** {@code size} pupils on the roll of {@code urn}, by UPN (valid check letters), across year groups 0-6. */
    public static Map<String, Pupil> roll(String urn, int size) {
        Map<String, Pupil> roll = new TreeMap<>();
        for (int serial = 1; serial <= size; serial++) {
            String rest = "85120" + String.format("%04d%03d", 1, serial);
            String upn = Upns.checkLetter(rest) + rest;
            roll.put(
                    upn,
                    Pupil.newBuilder()
                            .setUpn(upn)
                            .setUrn(urn)
                            .setYearGroup(serial % 7)
                            .setSenStatus(SenStatus.SEN_STATUS_NONE)
                            .setOnRoll(true)
                            .build());
        }
        return roll;
    }

    /** A mark for every pupil of {@code upns}, every session of the week from {@code monday}, all with {@code code}. */
    public static List<Mark> week(Collection<String> upns, LocalDate monday, String code) {
        List<Mark> marks = new ArrayList<>();
        for (String upn : upns) {
            for (int day = 0; day < 5; day++) {
                for (String session : List.of("AM", "PM")) {
                    marks.add(Mark.newBuilder()
                            .setUpn(upn)
                            .setDate(monday.plusDays(day).toString())
                            .setSession(session)
                            .setCode(code)
                            .build());
                }
            }
        }
        return marks;
    }
}
