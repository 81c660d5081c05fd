package uk.portsmouth.cfe.launcher;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.empty;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The layout the docs describe is the one in the tree: every module the build has is named in the
 * README and in docs/architecture.md, every service has the same packages and the README names
 * them, and every use case in a service's {@code app/} is in architecture.md's list. A class added
 * or a module renamed without its docs fails here.
 */
class DocsMatchTheCodeTest {

    private static final List<String> SERVICES =
            List.of("directory-service", "safeguarding-contacts-service", "attendance-service", "fsp-service");
    private static final List<String> SERVICE_PACKAGES = List.of("domain", "app", "store", "grpc", "demo");

    private static final Path ROOT = root();

    private static Path root() {
        Path dir = Path.of("").toAbsolutePath();
        while (!Files.exists(dir.resolve("mvnw"))) {
            dir = dir.getParent();
        }
        return dir;
    }

    @Test
    void everyModuleIsNamedInTheReadmeAndTheArchitecture() throws IOException {
        String readme = Files.readString(ROOT.resolve("README.md"));
        String architecture = Files.readString(ROOT.resolve("docs/architecture.md"));
        List<String> unnamed = new ArrayList<>();
        Matcher module = Pattern.compile("<module>([^<]+)</module>").matcher(Files.readString(ROOT.resolve("pom.xml")));
        while (module.find()) {
            String name = module.group(1);
            if (!readme.contains("`" + name + "`")) {
                unnamed.add(name + " (README)");
            }
            if (!architecture.contains(name + "/")) {
                unnamed.add(name + " (docs/architecture.md)");
            }
        }
        assertThat(unnamed, empty());
    }

    @Test
    void everyServiceHasTheLayoutTheReadmeNames() throws IOException {
        String readme = Files.readString(ROOT.resolve("README.md"));
        List<String> missing = new ArrayList<>();
        for (String service : SERVICES) {
            Path base = sourcesOf(service);
            for (String layer : SERVICE_PACKAGES) {
                if (!Files.isDirectory(base.resolve(layer))) {
                    missing.add(service + " has no " + layer + "/");
                }
            }
            try (Stream<Path> packages = Files.list(base)) {
                packages.filter(Files::isDirectory)
                        .map(p -> p.getFileName().toString())
                        .filter(layer -> !readme.contains("`" + layer + "/`"))
                        .forEach(layer -> missing.add(service + "'s " + layer + "/ is not in the README's layout"));
            }
        }
        assertThat(missing, empty());
    }

    @Test
    void everyUseCaseIsInTheArchitecturesList() throws IOException {
        String architecture = Files.readString(ROOT.resolve("docs/architecture.md"));
        String list = architecture.substring(
                architecture.indexOf("  app/        the use cases"),
                architecture.indexOf("  store/      Mongo collections"));
        List<String> unlisted = new ArrayList<>();
        for (String service : SERVICES) {
            try (Stream<Path> useCases = Files.list(sourcesOf(service).resolve("app"))) {
                useCases.map(p -> p.getFileName().toString().replace(".java", ""))
                        .filter(name -> !Pattern.compile("\\b" + name + "\\b")
                                .matcher(list)
                                .find())
                        .forEach(name -> unlisted.add(service + ": " + name));
            }
        }
        assertThat(unlisted, empty());
    }

    /** {@code <service>/src/main/java/uk/portsmouth/cfe/<context>}. */
    private static Path sourcesOf(String service) throws IOException {
        try (Stream<Path> contexts = Files.list(ROOT.resolve(service).resolve("src/main/java/uk/portsmouth/cfe"))) {
            return contexts.filter(Files::isDirectory).findFirst().orElseThrow();
        }
    }
}
