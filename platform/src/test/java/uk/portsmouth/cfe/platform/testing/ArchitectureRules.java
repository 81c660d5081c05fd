package uk.portsmouth.cfe.platform.testing;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.List;

/**
 * The layering every service keeps (docs/architecture.md "Inside a service"), checked by each
 * service's ArchitectureTest:
 * <ul>
 *   <li>{@code domain} holds rules only: it depends on the JDK, the proto messages and platform's
 *       rule helpers (errors, identifiers, time, reference data, closed sets, paging), nothing else;</li>
 *   <li>{@code grpc} only translates: it calls the use cases in {@code app}, never a store or another service;</li>
 *   <li>{@code app} (the use cases) and {@code store} know nothing of transport;</li>
 *   <li>no service depends on another service's code (they meet only through the proto contracts);</li>
 *   <li>every gRPC service implementation lives in {@code grpc};</li>
 *   <li>another service is called only through a port in {@code outbound}, one per dependency;</li>
 *   <li>who may do what is decided in {@code app} (with {@code domain}'s rules, the caller given to them):
 *       {@code grpc} and {@code store} never read who is calling.</li>
 * </ul>
 */
public final class ArchitectureRules {

    /** The four services' packages: a service may use none of the others'. */
    private static final List<String> SERVICES = List.of(
            "uk.portsmouth.cfe.directory",
            "uk.portsmouth.cfe.contacts",
            "uk.portsmouth.cfe.attendance",
            "uk.portsmouth.cfe.fsp");

    private ArchitectureRules() {}

    /**
     * Checks the service whose code lives under {@code basePackage}, e.g. "uk.portsmouth.cfe.directory";
     * its rules may also use the pure computation libraries in {@code domainLibraries} (e.g. RFC 5545 recurrence).
     */
    public static void check(String basePackage, String... domainLibraries) {
        List<String> domainMayUse = new java.util.ArrayList<>(List.of(
                "java..",
                basePackage + ".domain..",
                "uk.portsmouth.cfe.proto..",
                "com.google.protobuf..",
                "com.google.type..", // the contracts' dates (google.type.Date)
                "uk.portsmouth.cfe.platform.errors..",
                "uk.portsmouth.cfe.platform.identifiers..",
                "uk.portsmouth.cfe.platform.time..",
                "uk.portsmouth.cfe.platform.reference..",
                "uk.portsmouth.cfe.platform.resources..",
                "uk.portsmouth.cfe.platform.proto..",
                "com.google.gson..",
                "uk.portsmouth.cfe.platform.paging.."));
        domainMayUse.addAll(List.of(domainLibraries));
        JavaClasses classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(basePackage);
        classes()
                .that()
                .resideInAPackage(basePackage + ".domain..")
                .should()
                .onlyDependOnClassesThat()
                .resideInAnyPackage(domainMayUse.toArray(String[]::new))
                .check(classes);
        noClasses()
                .that()
                .resideInAPackage(basePackage + ".grpc..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(basePackage + ".store..", basePackage + ".outbound..")
                .because("a gRPC adapter only translates: request -> use case in app -> reply")
                .check(classes);
        noClasses()
                .that()
                .resideInAPackage(basePackage + ".app..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("io.grpc..", "io.helidon.webserver..")
                .because("use cases take and return proto messages; transport is the adapter's")
                .check(classes);
        noClasses()
                .that()
                .resideInAPackage(basePackage + ".store..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("io.grpc..", "io.helidon.webserver..")
                .check(classes);
        noClasses()
                .that()
                .resideInAPackage(basePackage + "..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(SERVICES.stream()
                        .filter(other -> !other.equals(basePackage))
                        .map(other -> other + "..")
                        .toArray(String[]::new))
                .check(classes);
        noClasses()
                .that()
                .resideOutsideOfPackage(basePackage + ".outbound..")
                .and()
                .doNotHaveSimpleName("Main")
                .should()
                .dependOnClassesThat()
                .haveSimpleNameEndingWith("BlockingStub")
                .because("another service is called through one small port per dependency, in outbound/")
                .check(classes);
        noClasses()
                .that()
                .resideInAnyPackage(basePackage + ".grpc..", basePackage + ".store..")
                .should()
                .dependOnClassesThat()
                .haveFullyQualifiedName("uk.portsmouth.cfe.platform.grpc.CallerContexts")
                .because("who may do what is decided in app/ (with domain/'s rules, given the caller):"
                        + " an adapter or a store never reads who is calling")
                .check(classes);
        classes()
                .that()
                .areAssignableTo(io.grpc.BindableService.class)
                .should()
                .resideInAPackage(basePackage + ".grpc..")
                .check(classes);
    }

    /** Platform is below every service: it depends on none of them (nor on the gateway or launcher). */
    public static void checkPlatform() {
        JavaClasses classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("uk.portsmouth.cfe.platform");
        noClasses()
                .that()
                .resideInAPackage("uk.portsmouth.cfe.platform..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "uk.portsmouth.cfe.directory..",
                        "uk.portsmouth.cfe.contacts..",
                        "uk.portsmouth.cfe.attendance..",
                        "uk.portsmouth.cfe.fsp..",
                        "uk.portsmouth.cfe.gateway..",
                        "uk.portsmouth.cfe.launcher..")
                .check(classes);
    }
}
