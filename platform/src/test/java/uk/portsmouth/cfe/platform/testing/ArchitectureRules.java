package uk.portsmouth.cfe.platform.testing;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * The layering every service keeps (docs/architecture.md "Inside a service"), checked by each service's
 * ArchitectureTest: {@code domain} holds rules only, {@code store} knows nothing of transport.
 */
public final class ArchitectureRules {

    private ArchitectureRules() {}

    /** Checks the service whose code lives under {@code basePackage}, e.g. "uk.portsmouth.cfe.directory". */
    public static void check(String basePackage) {
        JavaClasses classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(basePackage);
        noClasses()
                .that()
                .resideInAPackage(basePackage + ".domain..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("com.mongodb..", "org.bson..", "io.grpc..", "io.helidon..")
                .check(classes);
        noClasses()
                .that()
                .resideInAPackage(basePackage + ".store..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("io.grpc..", "io.helidon.webserver..")
                .check(classes);
    }
}
