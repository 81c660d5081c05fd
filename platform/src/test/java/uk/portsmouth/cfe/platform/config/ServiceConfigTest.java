package uk.portsmouth.cfe.platform.config;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ServiceConfigTest {

    @Test
    void yamlIsTheDefaultAndOverridesWin() {
        assertThat(
                ServiceConfig.load("sample-service").get("server.port").asInt().get(), is(9000));
        assertThat(
                ServiceConfig.load("sample-service", Map.of("server.port", "0"))
                        .get("server.port")
                        .asInt()
                        .get(),
                is(0));
        assertThat(
                ServiceConfig.load("sample-service")
                        .get("mongodb.database")
                        .asString()
                        .get(),
                is("from-yaml"));
    }

    @Test
    void systemPropertiesOverrideTheYaml() {
        System.setProperty("mongodb.database", "from-property");
        try {
            assertThat(
                    ServiceConfig.load("sample-service")
                            .get("mongodb.database")
                            .asString()
                            .get(),
                    is("from-property"));
        } finally {
            System.clearProperty("mongodb.database");
        }
    }
}
