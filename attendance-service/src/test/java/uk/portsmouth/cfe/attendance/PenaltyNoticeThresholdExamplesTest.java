package uk.portsmouth.cfe.attendance;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.is;

import io.helidon.config.Config;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import uk.portsmouth.cfe.attendance.domain.AcademicCalendar;
import uk.portsmouth.cfe.attendance.domain.AttendanceCodes;
import uk.portsmouth.cfe.attendance.domain.EnrolmentMarks;
import uk.portsmouth.cfe.attendance.domain.PenaltyNoticeThreshold;
import uk.portsmouth.cfe.platform.config.ServiceConfig;

/**
 * The penalty-notice threshold's worked examples, read from the table in docs/domain-reference.md
 * 3a (so the documented rule and the code cannot drift apart), counted on the service's configured
 * calendar.
 */
class PenaltyNoticeThresholdExamplesTest {

    private static final String MARKER = "<!-- worked-examples: penalty-notice-threshold -->";
    private static final String UPN = "B801200005001";
    private static final String DEFAULT_SCHOOL = "116000";
    private static final AttendanceCodes CODES = ReferenceData.codes();
    private static final AcademicCalendar CALENDAR =
            ReferenceData.calendar(calendarConfig().get("academic-calendar"));

    static Stream<Arguments> examples() throws IOException {
        List<String> lines = Files.readAllLines(Path.of("../docs/domain-reference.md"));
        int start = lines.indexOf(MARKER);
        assertThat("the examples table is in docs/domain-reference.md", start, greaterThanOrEqualTo(0));
        List<Arguments> rows = new ArrayList<>();
        for (String line : lines.subList(start + 3, lines.size())) {
            if (!line.startsWith("|")) {
                break;
            }
            String[] cells = line.substring(1, line.length() - 1).split("\\|");
            rows.add(Arguments.of(
                    cells[0].strip(),
                    cells[1].strip(),
                    cells[2].strip(),
                    cells[3].strip(),
                    cells[4].strip(),
                    cells[5].strip()));
        }
        assertThat("at least the issue's three cases and the edge cases", rows.size(), greaterThanOrEqualTo(8));
        return rows.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void countedAsTheFrameworkCounts(
            String example, String marks, String period, String count, String window, String met) {
        String[] days = period.split("\\.\\.");
        PenaltyNoticeThreshold.Verdict verdict = PenaltyNoticeThreshold.assess(
                enrolments(marks), CODES, CALENDAR, LocalDate.parse(days[0]), LocalDate.parse(days[1]));

        assertThat(example + ": count", verdict.count(), is(Integer.parseInt(count)));
        assertThat(
                example + ": window",
                verdict.window().firstWeek() + ".." + verdict.window().lastWeek(),
                is(window));
        assertThat(
                example + ": the window's sessions", verdict.window().sessions().size(), is(verdict.count()));
        assertThat(example + ": met", verdict.met(), is(met.equals("yes")));
    }

    /** Marks written as in the table: "[@URN ]CODE DAY[..DAY][ AM|PM]", separated by "; ". */
    private static List<EnrolmentMarks> enrolments(String marks) {
        Map<String, Map<String, String>> codesByEnrolment = new TreeMap<>();
        for (String item : marks.split(";\\s*")) {
            List<String> words = new ArrayList<>(List.of(item.strip().split("\\s+")));
            String urn = words.get(0).startsWith("@") ? words.remove(0).substring(1) : DEFAULT_SCHOOL;
            String code = words.get(0);
            String[] range = words.get(1).split("\\.\\.");
            List<String> sessions = words.size() > 2 ? List.of(words.get(2)) : List.of("AM", "PM");
            LocalDate first = LocalDate.parse(range[0]);
            LocalDate last = range.length > 1 ? LocalDate.parse(range[1]) : first;
            List<LocalDate> schoolDays = CALENDAR.schoolDays(first, last);
            assertThat(item + " falls on school days", schoolDays.isEmpty(), is(false));
            for (LocalDate day : schoolDays) {
                String year = AcademicCalendar.academicYear(day);
                for (String session : sessions) {
                    codesByEnrolment
                            .computeIfAbsent(urn + "|" + year, k -> new TreeMap<>())
                            .put(day + ":" + session, code);
                }
            }
        }
        List<EnrolmentMarks> enrolments = new ArrayList<>();
        codesByEnrolment.forEach((key, codes) -> enrolments.add(
                new EnrolmentMarks(key.split("\\|")[0], UPN, key.split("\\|")[1], codes, Map.of(), List.of())));
        return enrolments;
    }

    private static Config calendarConfig() {
        return ServiceConfig.load(Main.NAME, Map.of());
    }
}
