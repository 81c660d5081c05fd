package uk.portsmouth.cfe.platform.telemetry;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

class LogsTest {

    /** A library logging through SLF4J (the MongoDB driver does) reaches the platform's handlers. */
    @Test
    void slf4jLogsReachJavaUtilLogging() {
        List<String> seen = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                seen.add(record.getLoggerName() + " " + record.getMessage());
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        Logger logger = Logger.getLogger("org.mongodb.driver.test");
        logger.addHandler(capture);
        try {
            org.slf4j.LoggerFactory.getLogger("org.mongodb.driver.test").warn("connection refused");
        } finally {
            logger.removeHandler(capture);
        }
        assertThat(seen, hasItem("org.mongodb.driver.test connection refused"));
    }

    @Test
    void aJsonLineHoldsTheRecordAndItsError() {
        LogRecord record = new LogRecord(Level.WARNING, "store {0} unreachable\nretrying");
        record.setParameters(new Object[] {"cfe_directory"});
        record.setLoggerName("uk.portsmouth.cfe.directory");
        record.setThrown(new IllegalStateException("timed out"));
        String line = new Logs.JsonFormatter().format(record);
        assertThat(line.strip().contains("\n"), is(false));
        JsonObject json = JsonParser.parseString(line).getAsJsonObject();
        assertThat(json.get("level").getAsString(), is("WARNING"));
        assertThat(json.get("logger").getAsString(), is("uk.portsmouth.cfe.directory"));
        assertThat(json.get("message").getAsString(), is("store cfe_directory unreachable\nretrying"));
        assertThat(json.get("error").getAsString(), containsString("IllegalStateException: timed out"));
    }

    @Test
    void jsonIsChosenInConfiguration() {
        Logger root = Logger.getLogger("");
        java.util.Map<Handler, java.util.logging.Formatter> before = new java.util.HashMap<>();
        for (Handler handler : root.getHandlers()) {
            before.put(handler, handler.getFormatter());
        }
        try {
            Logs.configure(io.helidon.config.Config.just(
                    io.helidon.config.ConfigSources.create(java.util.Map.of("logging.format", "json"))));
            assertThat(root.getHandlers().length > 0, is(true));
            for (Handler handler : root.getHandlers()) {
                assertThat(handler.getFormatter() instanceof Logs.JsonFormatter, is(true));
            }
        } finally {
            for (Handler handler : root.getHandlers()) {
                if (!before.containsKey(handler)) {
                    root.removeHandler(handler); // the console handler configure added
                } else if (before.get(handler) != null) {
                    handler.setFormatter(before.get(handler));
                }
            }
        }
    }
}
