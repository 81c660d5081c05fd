package uk.portsmouth.cfe.platform.mongo;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.bson.Document;
import io.netty.channel.Channel;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A MongoDB-wire store on loopback (mongo-java-server), reached through the real MongoDB driver
 * exactly as a real mongod would be. In memory, or persisted to one H2 file.
 */
public final class EmbeddedMongo implements AutoCloseable {

    private final MongoServer server;
    private final String uri;

    private EmbeddedMongo(MongoBackend backend) {
        this.server = new MongoServer(backend);
        server.bind("127.0.0.1", 0);
        InetSocketAddress address = server.getLocalAddress();
        this.uri = "mongodb://127.0.0.1:" + address.getPort();
    }

    public static EmbeddedMongo inMemory() {
        return new EmbeddedMongo(new IndexedMemoryBackend());
    }

    /** Persists to {@code file} (its folder is created); data survives restarts. */
    public static EmbeddedMongo persistent(Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
        } catch (java.io.IOException e) {
            throw new IllegalStateException("Cannot create the folder for " + file, e);
        }
        return new EmbeddedMongo(new DurableH2Backend(file.toAbsolutePath().toString()));
    }

    /**
     * The H2 file store, made durable: a write command is answered only once it is committed and
     * synced to disk (H2 on its own commits a second later, so a crash lost acknowledged writes).
     * Writers that arrive while a sync runs share the next one (a group commit), so the cost of a
     * sync is spread over every write waiting for it.
     */
    static final class DurableH2Backend extends H2Backend {

        private static final Set<String> WRITES = Set.of(
                "insert",
                "update",
                "delete",
                "findandmodify",
                "create",
                "createindexes",
                "drop",
                "dropdatabase",
                "dropindexes",
                "renamecollection");

        private final AtomicLong applied = new AtomicLong();
        private final Object syncing = new Object();
        private long synced;

        DurableH2Backend(String file) {
            super(file);
        }

        @Override
        public Document handleCommand(Channel channel, String database, String command, Document query) {
            Document reply = super.handleCommand(channel, database, command, query);
            if (WRITES.contains(command.toLowerCase(Locale.ROOT))) {
                durable(applied.incrementAndGet());
            }
            return reply;
        }

        /** Returns once every write applied up to {@code write} is on disk. */
        private void durable(long write) {
            synchronized (syncing) {
                if (synced >= write) {
                    return; // a sync that began after this write was applied covered it
                }
                long upTo = applied.get();
                getMvStore().commit();
                getMvStore().sync();
                synced = upTo;
            }
        }
    }

    /** The connection string for the MongoDB driver. */
    public String uri() {
        return uri;
    }

    @Override
    public void close() {
        server.shutdownNow();
    }
}
