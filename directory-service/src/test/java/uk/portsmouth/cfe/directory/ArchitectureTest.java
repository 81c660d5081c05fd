package uk.portsmouth.cfe.directory;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The domain holds rules only: no database, transport or web-server types. */
class ArchitectureTest {

    private final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("uk.portsmouth.cfe.directory");

    @Test
    void domainImportsNoFrameworks() {
        noClasses().that().resideInAPackage("..directory.domain..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "com.mongodb..", "org.bson..", "io.grpc..", "io.helidon..")
                .check(classes);
    }

    @Test
    void storesDoNotKnowAboutGrpc() {
        noClasses().that().resideInAPackage("..directory.store..")
                .should().dependOnClassesThat().resideInAnyPackage("io.grpc..", "io.helidon.webserver..")
                .check(classes);
    }
}
