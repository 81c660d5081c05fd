package uk.portsmouth.cfe.platform.memory;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Answers kept by their question, for work whose answer is the same for the same key (a token
 * verified, a record printed, a query built for one index version): at most {@code most} of them,
 * all let go when full, a bound on memory rather than a policy (what is let go is made again).
 * Safe for many threads.
 */
public final class BoundedCache<K, V> {

    private final int most;
    private final Map<K, V> kept = new ConcurrentHashMap<>();

    public BoundedCache(int most) {
        this.most = most;
    }

    /** The answer kept for {@code key}, or null. */
    public V get(K key) {
        return kept.get(key);
    }

    /** The answer kept for {@code key}, or the one {@code make} gives, kept (two threads may both make it). */
    public V computeIfAbsent(K key, Function<K, V> make) {
        V value = kept.get(key);
        if (value == null) {
            value = make.apply(key);
            put(key, value);
        }
        return value;
    }

    /** Keeps {@code value} for {@code key}, letting everything else go first when full. */
    public void put(K key, V value) {
        if (kept.size() >= most) {
            kept.clear();
        }
        kept.put(key, value);
    }

    public void remove(K key) {
        kept.remove(key);
    }
}
