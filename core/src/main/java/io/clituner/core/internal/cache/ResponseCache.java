package io.clituner.core.internal.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.Optional;

/** A bounded Caffeine cache of generations keyed by {@link ResponseKey}. */
public final class ResponseCache {
    private final Cache<ResponseKey, CachedGeneration> cache;

    public ResponseCache(long maximumSize, Duration expireAfterWrite) {
        this.cache = Caffeine.newBuilder()
                .maximumSize(maximumSize)
                .expireAfterWrite(expireAfterWrite)
                .build();
    }

    public Optional<CachedGeneration> get(ResponseKey key) {
        return Optional.ofNullable(cache.getIfPresent(key));
    }

    public void put(ResponseKey key, CachedGeneration value) {
        cache.put(key, value);
    }

    public void invalidateAll() {
        cache.invalidateAll();
    }

    public long estimatedSize() {
        return cache.estimatedSize();
    }
}
