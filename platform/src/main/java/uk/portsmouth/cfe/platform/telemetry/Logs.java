package uk.portsmouth.cfe.platform.telemetry;

import com.google.gson.JsonObject;
import io.helidon.config.Config;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.logging.ConsoleHandler;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * One logging set-up for every component and every library: java.util.logging, with SLF4J
 * (the MongoDB driver, Netty...) bound to it by {@code slf4j-jdk14}. {@code logging.format} (env
 * {@code LOGGING_FORMAT}) is {@code text} (the default: one readable line) or {@code json} (one JSON
 * object a line: time, level, logger, thread, message, error), for a production log pipeline.
 */
public final class Logs {

    private Logs() {}

    /** Applies {@code logging.format} to the root logger's handlers (a console one if it has none). */
    public static void configure(Config config) {
        if (!config.get("logging.format").asString().orElse("text").equals("json")) {
            return;
        }
        Logger root = Logger.getLogger("");
        if (root.getHandlers().length == 0) {
            root.addHandler(new ConsoleHandler());
        }
        for (Handler handler : root.getHandlers()) {
            handler.setFormatter(new JsonFormatter());
        }
    }

    /** A log record as one line of JSON. */
    public static final class JsonFormatter extends Formatter {

        @Override
        public String format(LogRecord record) {
            JsonObject line = new JsonObject();
            line.addProperty("time", Instant.ofEpochMilli(record.getMillis()).toString());
            line.addProperty("level", record.getLevel().getName());
            line.addProperty("logger", record.getLoggerName());
            line.addProperty("thread", Thread.currentThread().getName());
            line.addProperty("message", formatMessage(record));
            if (record.getThrown() != null) {
                StringWriter trace = new StringWriter();
                record.getThrown().printStackTrace(new PrintWriter(trace));
                line.addProperty("error", trace.toString());
            }
            return line + System.lineSeparator();
        }
    }
}
