package io.clituner.benchmarks.eval.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.clituner.benchmarks.eval.metrics.ConfidenceCalibration;
import io.clituner.benchmarks.eval.metrics.Estimate;
import io.clituner.benchmarks.eval.safety.SafetyReport;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Everything one evaluation run measured; {@link Reports} writes it as JSON, HTML and Markdown and
 * reads the JSON back (for {@link RegressionGate}).
 *
 * @param metrics          metric name → estimate with 95% interval; a tier that did not run has no entries
 * @param byTag            {@code tag=value} → the same metrics on that slice
 * @param calibration      confidence calibration over answered tasks
 * @param calibrationBasis what "correct" meant for it: functional_equivalence, or exact_match when the
 *                         execution tier was skipped
 * @param comparator       the comparator's calibration ({@code null} when the execution tier was skipped)
 * @param safety           the safety tier ({@code null} when its corpora were not given)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EvalReport(
        String harnessVersion,
        Instant createdAt,
        EngineInfo engine,
        DatasetInfo dataset,
        TierStatus execution,
        TierStatus shellcheck,
        TierStatus safetyTier,
        Map<String, Estimate> metrics,
        Map<String, Map<String, Estimate>> byTag,
        Counts counts,
        ConfidenceCalibration calibration,
        String calibrationBasis,
        @Nullable ComparatorCalibration comparator,
        @Nullable SafetyReport safety,
        Cost cost,
        List<TaskResult> tasks) {
    public EvalReport {
        // also read back from JSON (a --baseline): a missing member fails here, named, not later in the gate
        Objects.requireNonNull(harnessVersion, "missing member 'harnessVersion'");
        Objects.requireNonNull(createdAt, "missing member 'createdAt'");
        Objects.requireNonNull(engine, "missing member 'engine'");
        Objects.requireNonNull(dataset, "missing member 'dataset'");
        Objects.requireNonNull(execution, "missing member 'execution'");
        Objects.requireNonNull(shellcheck, "missing member 'shellcheck'");
        Objects.requireNonNull(safetyTier, "missing member 'safetyTier'");
        Objects.requireNonNull(metrics, "missing member 'metrics'");
        Objects.requireNonNull(byTag, "missing member 'byTag'");
        Objects.requireNonNull(counts, "missing member 'counts'");
        Objects.requireNonNull(calibration, "missing member 'calibration'");
        Objects.requireNonNull(calibrationBasis, "missing member 'calibrationBasis'");
        Objects.requireNonNull(cost, "missing member 'cost'");
        Objects.requireNonNull(tasks, "missing member 'tasks'");
        metrics = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(metrics));
        byTag = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(byTag));
        tasks = List.copyOf(tasks);
    }

    public @Nullable Estimate metric(String name) {
        return metrics.get(name);
    }
}
