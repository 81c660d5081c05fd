package uk.portsmouth.cfe.gateway;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import io.helidon.webserver.http.HttpService;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The gateway's layout (docs/architecture.md, "The gateway's routes"): every routes class names the
 * prefix it is mounted at; the API's areas use one another only through {@code auth} (who is
 * calling); the plumbing ({@code http}, {@code openapi}) knows no area; and only the
 * {@code Authenticator} binds a caller to a call.
 */
class ArchitectureTest {

    private static final String GATEWAY = "uk.portsmouth.cfe.gateway";
    private static final List<String> AREAS =
            List.of("absencereports", "attendance", "contacts", "dataprotection", "directory", "fsp", "schools");

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(GATEWAY);

    @Test
    void everyRoutesClassNamesItsPrefix() {
        classes()
                .that()
                .implement(HttpService.class)
                .and()
                .areTopLevelClasses()
                .should(declarePrefix())
                .andShould()
                .haveModifier(JavaModifier.FINAL)
                .check(CLASSES);
    }

    @Test
    void areasMeetOnlyThroughWhoIsCalling() {
        for (String area : AREAS) {
            noClasses()
                    .that()
                    .resideInAPackage(GATEWAY + "." + area + "..")
                    .should()
                    .dependOnClassesThat()
                    .resideInAnyPackage(AREAS.stream()
                            .filter(other -> !other.equals(area))
                            .map(other -> GATEWAY + "." + other + "..")
                            .toArray(String[]::new))
                    .because("a URL leads to one class: what two areas share is plumbing (http) or the caller (auth)")
                    .check(CLASSES);
        }
    }

    @Test
    void thePlumbingKnowsNoArea() {
        noClasses()
                .that()
                .resideInAnyPackage(GATEWAY + ".http..", GATEWAY + ".openapi..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        AREAS.stream().map(area -> GATEWAY + "." + area + "..").toArray(String[]::new))
                .check(CLASSES);
    }

    @Test
    void onlyTheAuthenticatorBindsACallerToACall() {
        noClasses()
                .that()
                .doNotHaveFullyQualifiedName(GATEWAY + ".auth.Authenticator")
                .and()
                .doNotHaveFullyQualifiedName(GATEWAY + ".Gateway") // its readiness probe calls as itself
                .should()
                .dependOnClassesThat()
                .haveFullyQualifiedName("uk.portsmouth.cfe.platform.grpc.CallerContexts")
                .because("a route checks the caller's role and gets its stub from the Authenticator"
                        + " (onBehalfOf, forSchool, on): the one way a caller reaches a service")
                .check(CLASSES);
    }

    private static ArchCondition<JavaClass> declarePrefix() {
        return new ArchCondition<>("declare public static final String PREFIX") {
            @Override
            public void check(JavaClass routes, ConditionEvents events) {
                boolean declares = routes.getFields().stream()
                        .anyMatch(f -> f.getName().equals("PREFIX")
                                && f.getRawType().isEquivalentTo(String.class)
                                && f.getModifiers()
                                        .containsAll(
                                                List.of(JavaModifier.PUBLIC, JavaModifier.STATIC, JavaModifier.FINAL)));
                events.add(new SimpleConditionEvent(
                        routes, declares, routes.getName() + (declares ? " names" : " does not name") + " its PREFIX"));
            }
        };
    }
}
