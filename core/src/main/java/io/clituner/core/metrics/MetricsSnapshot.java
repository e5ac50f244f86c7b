package io.clituner.core.metrics;

import io.clituner.core.RiskLevel;
import io.clituner.core.ValidationOutcome;
import java.util.Map;

/**
 * A consistent-enough view of the pipeline's counters (each map is copied; counters keep moving).
 *
 * @param latency  percentiles per stage
 * @param outcomes requests by outcome
 * @param failures failures by error code name
 * @param risks    validated commands by risk level (including blocked ones)
 * @param cacheHits responses served from the cache
 */
public record MetricsSnapshot(
        Map<PipelineStage, LatencySummary> latency,
        Map<ValidationOutcome, Long> outcomes,
        Map<String, Long> failures,
        Map<RiskLevel, Long> risks,
        long cacheHits) {

    public MetricsSnapshot {
        latency = Map.copyOf(latency);
        outcomes = Map.copyOf(outcomes);
        failures = Map.copyOf(failures);
        risks = Map.copyOf(risks);
    }
}
