package io.clituner.core.internal.cache;

import io.clituner.core.CommandResponse;
import io.clituner.core.analysis.ValidatedCommand;
import java.util.List;

/**
 * The deterministic part of a generation, reused on a cache hit; request-specific provenance is made anew.
 * {@code alternatives} are the engine's other answers, already validated.
 */
public record CachedGeneration(
        ValidatedCommand command,
        double confidence,
        String promptHash,
        List<String> fewShotExampleIds,
        List<CommandResponse.Alternative> alternatives) {
    public CachedGeneration {
        fewShotExampleIds = List.copyOf(fewShotExampleIds);
        alternatives = alternatives == null ? List.of() : List.copyOf(alternatives);
    }

    public CachedGeneration(
            ValidatedCommand command, double confidence, String promptHash, List<String> fewShotExampleIds) {
        this(command, confidence, promptHash, fewShotExampleIds, List.of());
    }
}
