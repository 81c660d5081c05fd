package uk.portsmouth.cfe.platform.memory;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;

import org.junit.jupiter.api.Test;

/** A bounded cache keeps what it was given, never more than its bound, and lets go when told. */
class BoundedCacheTest {

    @Test
    void keepsUpToItsBoundThenLetsEverythingGo() {
        BoundedCache<String, Integer> cache = new BoundedCache<>(2);
        cache.put("a", 1);
        cache.put("b", 2);
        assertThat(cache.get("a"), is(1));
        assertThat(cache.get("b"), is(2));
        cache.put("c", 3); // full: the others go, the new one stays
        assertThat(cache.get("a"), is(nullValue()));
        assertThat(cache.get("b"), is(nullValue()));
        assertThat(cache.get("c"), is(3));
        cache.remove("c");
        assertThat(cache.get("c"), is(nullValue()));
    }
}
