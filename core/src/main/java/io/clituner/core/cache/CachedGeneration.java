package io.clituner.core.cache;

import io.clituner.core.ValidatedCommand;
import java.util.List;

/** The deterministic part of a generation, reused on a cache hit; request-specific provenance is made anew. */
public record CachedGeneration(ValidatedCommand command, double confidence, String promptHash, List<String> fewShotExampleIds) {
    public CachedGeneration {
        fewShotExampleIds = List.copyOf(fewShotExampleIds);
    }
}
