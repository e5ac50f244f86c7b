package io.clituner.benchmarks.eval.report;

import io.clituner.benchmarks.eval.metrics.Estimate;
import io.clituner.benchmarks.eval.metrics.MetricNames;
import io.clituner.core.error.CliTunerException;
import io.clituner.core.error.ErrorCode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Compares a report against a baseline: fails when a gated metric dropped by more than the threshold
 * (in points, i.e. value × 100) or is no longer measured, and lists the tasks whose correctness
 * flipped. Reports of different data sets or harness versions are not comparable and are refused.
 */
public final class RegressionGate {
    /** One metric's movement. */
    public record Delta(
            String metric, double baseline, @Nullable Double current, double dropPoints, boolean failed) {}

    /** A task right in one report and wrong in the other. */
    public record Flip(
            String taskId,
            String query,
            boolean nowCorrect,
            @Nullable String baselinePrediction,
            @Nullable String currentPrediction) {}

    /**
     * @param passed whether no gated metric dropped beyond the threshold
     * @param deltas every gated metric present in the baseline
     * @param regressions tasks right in the baseline and wrong now
     * @param improvements tasks wrong in the baseline and right now
     */
    public record Result(
            boolean passed,
            double thresholdPoints,
            List<Delta> deltas,
            List<Flip> regressions,
            List<Flip> improvements) {
        public Result {
            deltas = List.copyOf(deltas);
            regressions = List.copyOf(regressions);
            improvements = List.copyOf(improvements);
        }
    }

    private final double thresholdPoints;
    private final List<String> gated;

    public RegressionGate(double thresholdPoints) {
        this(thresholdPoints, MetricNames.GATED);
    }

    public RegressionGate(double thresholdPoints, List<String> gated) {
        if (!(thresholdPoints >= 0) || Double.isInfinite(thresholdPoints)) {
            throw new CliTunerException(
                    ErrorCode.CONFIGURATION,
                    "regression threshold must be a finite number of points >= 0, got " + thresholdPoints);
        }
        this.thresholdPoints = thresholdPoints;
        this.gated = List.copyOf(gated);
    }

    public Result compare(EvalReport baseline, EvalReport current) {
        if (!baseline.dataset().sha256().equals(current.dataset().sha256())) {
            throw new CliTunerException(
                    ErrorCode.INVALID_REQUEST,
                    "the baseline ran on data set " + baseline.dataset().name() + " ("
                            + baseline.dataset().sha256() + "), this run on "
                            + current.dataset().name() + " ("
                            + current.dataset().sha256()
                            + "): not comparable");
        }
        if (!baseline.harnessVersion().equals(current.harnessVersion())) {
            throw new CliTunerException(
                    ErrorCode.INVALID_REQUEST,
                    "the baseline was measured by harness version " + baseline.harnessVersion() + ", this run by "
                            + current.harnessVersion() + ": metrics may differ in meaning");
        }
        List<Delta> deltas = new ArrayList<>();
        boolean passed = true;
        for (String name : gated) {
            Estimate b = baseline.metric(name);
            if (b == null) {
                continue;
            }
            Estimate c = current.metric(name);
            double drop = c == null ? Double.POSITIVE_INFINITY : (b.value() - c.value()) * 100;
            boolean failed = c == null || drop > thresholdPoints + 1e-9;
            passed &= !failed;
            deltas.add(new Delta(name, b.value(), c == null ? null : c.value(), c == null ? 100 : drop, failed));
        }
        Map<String, TaskResult> before = new HashMap<>();
        baseline.tasks().forEach(t -> before.put(t.id(), t));
        List<Flip> worse = new ArrayList<>();
        List<Flip> better = new ArrayList<>();
        for (TaskResult t : current.tasks()) {
            TaskResult b = before.get(t.id());
            if (b != null && b.correct() != t.correct()) {
                (t.correct() ? better : worse)
                        .add(new Flip(t.id(), t.query(), t.correct(), b.prediction(), t.prediction()));
            }
        }
        return new Result(passed, thresholdPoints, deltas, worse, better);
    }
}
