package uk.portsmouth.cfe.fsp.domain;

import java.time.LocalDate;
import uk.portsmouth.cfe.proto.fsp.v1.HistoryEntry;

/** Who is changing a plan and when: the caller's name, the city's date and the instant for the history. */
public record Stamp(String by, LocalDate today, String at) {

    public HistoryEntry history(String what, String detail) {
        return HistoryEntry.newBuilder()
                .setAt(at)
                .setBy(by)
                .setWhat(what)
                .setDetail(detail)
                .build();
    }
}
