package uk.portsmouth.cfe.launcher;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.is;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A clone with nothing beside it must build, test and read well: no file of the repository may
 * point at a path above the repository's root, nor cite a document that lives outside it
 * (docs/architecture.md, "Decisions").
 */
class RepositoryStandsAloneTest {

    /** A relative path that climbs: one or more {@code ../} (or {@code ..\}) and what follows. */
    private static final Pattern CLIMBING_PATH = Pattern.compile("(?:\\.\\.[/\\\\])+[^\\s\"'`)<>,;]*");
    /** Documents this team once kept next to the repository; their content now lives in docs/. */
    private static final Pattern OUTSIDE_DOCUMENTS =
            Pattern.compile("\\b(?:DESIGN|STACK|REFERENCE)\\.md\\b|\\bshared/(?:oruk|domain)\\b");

    private static final Set<String> NOT_SOURCES = Set.of(".git", "target", "data", "node_modules");

    private static final Path ROOT = findRoot();
    private static final Path THIS_TEST =
            ROOT.resolve("launcher/src/test/java/uk/portsmouth/cfe/launcher/RepositoryStandsAloneTest.java");

    private static Path findRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isRegularFile(dir.resolve(".ci/run"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("no .ci/run above " + Path.of("").toAbsolutePath());
        }
        return dir;
    }

    @Test
    void noFileReachesOutsideTheRepository() throws IOException {
        List<String> offences = new ArrayList<>();
        for (Path file : sourceFiles()) {
            String text = textOf(file);
            if (text == null) {
                continue;
            }
            String where = ROOT.relativize(file).toString();
            Matcher climbing = CLIMBING_PATH.matcher(text);
            while (climbing.find()) {
                if (leavesTheRepository(file, climbing.group())) {
                    offences.add(where + ": " + climbing.group());
                }
            }
            Matcher outside = OUTSIDE_DOCUMENTS.matcher(text);
            while (outside.find()) {
                offences.add(where + ": " + outside.group());
            }
        }
        assertThat(offences, empty());
    }

    @Test
    void theCheckBites() {
        Path readme = ROOT.resolve("README.md");
        Path moduleFile = ROOT.resolve("gateway/src/test/java/Example.java");
        assertThat(leavesTheRepository(readme, "../shared/oruk/schema"), is(true));
        assertThat(leavesTheRepository(moduleFile, "../../shared/oruk"), is(true));
        assertThat(leavesTheRepository(moduleFile, "../pom.xml"), is(false));
        assertThat(OUTSIDE_DOCUMENTS.matcher("see DESIGN.md").find(), is(true));
    }

    /**
     * Whether a climbing path escapes the root when resolved from the file's module folder (the
     * working directory of the module's build and tests; shallower than the file's own folder, so
     * this also catches a path that escapes from there).
     */
    private static boolean leavesTheRepository(Path file, String climbing) {
        Path relative = ROOT.relativize(file.getParent());
        Path module = relative.toString().isEmpty() ? ROOT : ROOT.resolve(relative.getName(0));
        return !module.resolve(climbing.replace('\\', '/')).normalize().startsWith(ROOT);
    }

    private static List<Path> sourceFiles() throws IOException {
        try (Stream<Path> walk = Files.walk(ROOT)) {
            return walk.filter(Files::isRegularFile)
                    .filter(path -> {
                        for (Path part : ROOT.relativize(path)) {
                            if (NOT_SOURCES.contains(part.toString())) {
                                return false;
                            }
                        }
                        return true;
                    })
                    .filter(path -> !path.equals(THIS_TEST)) // its patterns and examples name what they look for
                    .toList();
        }
    }

    /** The file as UTF-8 text, or null for a binary file. */
    private static String textOf(Path file) throws IOException {
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(file)))
                    .toString();
        } catch (CharacterCodingException binary) {
            return null;
        }
    }
}
