package uk.portsmouth.cfe.gateway.http;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.WriteConcern;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Updates;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ClientSideConfig;
import io.github.bucket4j.distributed.proxy.generic.compare_and_swap.AbstractCompareAndSwapBasedProxyManager;
import io.github.bucket4j.distributed.proxy.generic.compare_and_swap.AsyncCompareAndSwapOperation;
import io.github.bucket4j.distributed.proxy.generic.compare_and_swap.CompareAndSwapOperation;
import io.github.bucket4j.distributed.remote.RemoteBucketState;
import java.time.Duration;
import java.util.Date;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.bson.types.Binary;

/**
 * Request budgets kept in the gateway's MongoDB database ({@code rate_limit_budgets}), so every
 * gateway instance charges the same bucket: bucket4j's compare-and-swap back end (bucket4j ships
 * none for MongoDB; a conditional update on the serialised state is all it needs). A bucket read,
 * changed and written back only if no other instance wrote it meanwhile; bucket4j retries a lost
 * race. A bucket at rest for its refill time expires (a TTL index). Written with write concern 1,
 * not majority: a budget is no data a caller relies on, and a fail-over that loses a few charges
 * only lets a client a few requests more.
 */
final class SharedBudgets extends AbstractCompareAndSwapBasedProxyManager<String> {

    private final MongoCollection<Document> budgets;

    SharedBudgets(MongoDatabase database) {
        super(ClientSideConfig.getDefault()
                .withExpirationAfterWriteStrategy(
                        ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ofSeconds(10))));
        this.budgets = database.getCollection("rate_limit_budgets").withWriteConcern(WriteConcern.W1);
        budgets.createIndex(Indexes.ascending("expires_at"), new IndexOptions().expireAfter(0L, TimeUnit.SECONDS));
    }

    @Override
    protected CompareAndSwapOperation beginCompareAndSwapOperation(String key) {
        return new CompareAndSwapOperation() {
            @Override
            public Optional<byte[]> getStateData(Optional<Long> timeoutNanos) {
                return Optional.ofNullable(budgets.find(Filters.eq("_id", key)).first())
                        .map(budget -> budget.get("state", Binary.class).getData());
            }

            @Override
            public boolean compareAndSwap(
                    byte[] original, byte[] updated, RemoteBucketState newState, Optional<Long> timeoutNanos) {
                Date expiresAt = expiresAt(newState);
                if (original == null) {
                    try {
                        budgets.insertOne(new Document("_id", key)
                                .append("state", new Binary(updated))
                                .append("expires_at", expiresAt));
                        return true;
                    } catch (MongoWriteException e) {
                        if (ErrorCategory.fromErrorCode(e.getCode()) == ErrorCategory.DUPLICATE_KEY) {
                            return false; // another instance made it first: bucket4j reads it and tries again
                        }
                        throw e;
                    }
                }
                return budgets.updateOne(
                                        Filters.and(Filters.eq("_id", key), Filters.eq("state", new Binary(original))),
                                        Updates.combine(
                                                Updates.set("state", new Binary(updated)),
                                                Updates.set("expires_at", expiresAt)))
                                .getMatchedCount()
                        == 1;
            }
        };
    }

    private Date expiresAt(RemoteBucketState state) {
        long ttlMillis = getClientSideConfig()
                .getExpirationAfterWriteStrategy()
                .orElseThrow()
                .calculateTimeToLiveMillis(state, currentTimeNanos());
        return new Date(System.currentTimeMillis() + Math.max(ttlMillis, 0));
    }

    @Override
    protected AsyncCompareAndSwapOperation beginAsyncCompareAndSwapOperation(String key) {
        throw new UnsupportedOperationException("budgets are charged synchronously");
    }

    @Override
    public void removeProxy(String key) {
        budgets.deleteOne(Filters.eq("_id", key));
    }

    @Override
    protected CompletableFuture<Void> removeAsync(String key) {
        throw new UnsupportedOperationException("budgets are charged synchronously");
    }

    @Override
    public boolean isExpireAfterWriteSupported() {
        return true; // the expires_at TTL index
    }

    @Override
    public boolean isAsyncModeSupported() {
        return false;
    }
}
