package uk.portsmouth.cfe.launcher;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.empty;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The contracts carry their closed sets as enums and their dates as {@code google.type.Date}
 * (docs/architecture.md, "Closed sets are proto enums" and "Dates are typed"): no string field lists
 * its values in a comment ({@code // a | b}) or holds a date unless it is one of the few kept as
 * strings on purpose, and every enum value but the unspecified 0 names itself in JSON.
 */
class ProtoClosedSetsTest {

    /** Strings on purpose (the architecture doc says why): the register's sessions and a mark error's field. */
    private static final Set<String> KEPT_AS_STRINGS = Set.of(
            "Mark.session",
            "ThresholdSession.session",
            "WeeklySession.session",
            "WeeklySession.day",
            "MarkError.field");

    /** The register's rows keep their day as text with the session (the key of a mark), like AM/PM. */
    private static final Set<String> DATES_KEPT_AS_STRINGS =
            Set.of("Mark.date", "SessionMark.date", "ThresholdSession.date");

    private static final Pattern MESSAGE = Pattern.compile("^message (\\w+)");
    private static final Pattern LISTED_STRING = Pattern.compile("^\\s*string \\w+ = \\d+;\\s*//.*\\w \\| \\w");
    private static final Pattern STRING_FIELD = Pattern.compile("^\\s*(?:repeated )?string (\\w+) = \\d+;(.*)");
    private static final Pattern DATE_NAME =
            Pattern.compile("date|on|\\w+_date|\\w+_on|\\w*date_of_birth|due_by|week_starting|\\w+_school_week");
    private static final Pattern ENUM_VALUE = Pattern.compile("^\\s*([A-Z0-9_]+) = (\\d+)(.*);");

    @Test
    void noStringListsItsValuesInAComment() throws IOException {
        assertThat(
                "make these enums with a json_name per value",
                stringFields(field ->
                        LISTED_STRING.matcher(field.line()).find() && !KEPT_AS_STRINGS.contains(field.qualifiedName())),
                empty());
    }

    @Test
    void noStringHoldsADate() throws IOException {
        assertThat(
                "make these google.type.Date (a new number, was_string_field naming the old)",
                stringFields(field -> (DATE_NAME.matcher(field.name()).matches()
                                || field.line().contains("ISO date"))
                        && !DATES_KEPT_AS_STRINGS.contains(field.qualifiedName())),
                empty());
    }

    /** A string field's line in a .proto file, with the top-level message it is in. */
    private record StringField(Path proto, String message, String name, String line) {
        String qualifiedName() {
            return message + "." + name;
        }
    }

    private static List<String> stringFields(Predicate<StringField> wanted) throws IOException {
        List<String> found = new ArrayList<>();
        for (Path proto : protos()) {
            String message = "";
            for (String line : Files.readAllLines(proto)) {
                Matcher start = MESSAGE.matcher(line);
                if (start.find()) {
                    message = start.group(1);
                }
                Matcher field = STRING_FIELD.matcher(line);
                if (field.find() && wanted.test(new StringField(proto, message, field.group(1), line))) {
                    found.add(proto.getFileName() + ": " + message + "." + field.group(1));
                }
            }
        }
        return found;
    }

    @Test
    void everyEnumValueNamesItselfInJson() throws IOException {
        List<String> unnamed = new ArrayList<>();
        for (Path proto : protos()) {
            boolean inEnum = false;
            for (String line : Files.readAllLines(proto)) {
                if (line.startsWith("enum ")) {
                    inEnum = true;
                } else if (line.startsWith("}")) {
                    inEnum = false;
                }
                Matcher value = ENUM_VALUE.matcher(line);
                if (inEnum
                        && value.find()
                        && !value.group(2).equals("0")
                        && !value.group(3).contains("json_name")) {
                    unnamed.add(proto.getFileName() + ": " + value.group(1));
                }
            }
        }
        assertThat(unnamed, empty());
    }

    private static List<Path> protos() throws IOException {
        Path dir = Path.of("").toAbsolutePath();
        while (!Files.exists(dir.resolve("mvnw"))) {
            dir = dir.getParent();
        }
        try (Stream<Path> files = Files.walk(dir.resolve("proto/src/main/proto"))) {
            return files.filter(p -> p.toString().endsWith(".proto")).sorted().toList();
        }
    }
}
