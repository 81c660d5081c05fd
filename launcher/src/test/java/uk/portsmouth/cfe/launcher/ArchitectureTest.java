package uk.portsmouth.cfe.launcher;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The launcher only starts things: it reaches each service through its {@code Main} and the gateway
 * through {@code Gateway} (and the demo clients' registry), never into a service's use cases, stores
 * or rules, so the embedded default runs exactly the code a deployment runs; and nothing depends on
 * the launcher.
 */
class ArchitectureTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("uk.portsmouth.cfe");

    @Test
    void theLauncherStartsServicesThroughTheirMainOnly() {
        noClasses()
                .that()
                .resideInAPackage("uk.portsmouth.cfe.launcher..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "uk.portsmouth.cfe.directory.*..",
                        "uk.portsmouth.cfe.contacts.*..",
                        "uk.portsmouth.cfe.attendance.*..",
                        "uk.portsmouth.cfe.fsp.*..")
                .because("a service is started by its Main, as in a deployment")
                .check(CLASSES);
    }

    @Test
    void theLauncherUsesTheGatewayAsADeploymentDoes() {
        noClasses()
                .that()
                .resideInAPackage("uk.portsmouth.cfe.launcher..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "uk.portsmouth.cfe.gateway.http..",
                        "uk.portsmouth.cfe.gateway.schools..",
                        "uk.portsmouth.cfe.gateway.attendance..",
                        "uk.portsmouth.cfe.gateway.contacts..",
                        "uk.portsmouth.cfe.gateway.directory..",
                        "uk.portsmouth.cfe.gateway.fsp..",
                        "uk.portsmouth.cfe.gateway.dataprotection..",
                        "uk.portsmouth.cfe.gateway.absencereports..",
                        "uk.portsmouth.cfe.gateway.openapi..")
                .check(CLASSES);
    }

    @Test
    void nothingDependsOnTheLauncher() {
        noClasses()
                .that()
                .resideOutsideOfPackage("uk.portsmouth.cfe.launcher..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("uk.portsmouth.cfe.launcher..")
                .check(CLASSES);
    }
}
