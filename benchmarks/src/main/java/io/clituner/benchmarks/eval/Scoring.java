package io.clituner.benchmarks.eval;

import io.clituner.benchmarks.eval.metrics.ConfidenceCalibration;
import io.clituner.benchmarks.eval.metrics.Estimate;
import io.clituner.benchmarks.eval.metrics.Estimates;
import io.clituner.benchmarks.eval.metrics.MetricNames;
import io.clituner.benchmarks.eval.report.ComparatorCalibration;
import io.clituner.benchmarks.eval.report.Cost;
import io.clituner.benchmarks.eval.report.Counts;
import io.clituner.benchmarks.eval.report.DatasetInfo;
import io.clituner.benchmarks.eval.report.EngineInfo;
import io.clituner.benchmarks.eval.report.EvalReport;
import io.clituner.benchmarks.eval.report.TaskExecution;
import io.clituner.benchmarks.eval.report.TaskResult;
import io.clituner.benchmarks.eval.report.TierStatus;
import io.clituner.benchmarks.eval.safety.SafetyReport;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;
import org.jspecify.annotations.Nullable;

/** Turns task results into the report's metrics, slices, calibration and cost. */
final class Scoring {
    private Scoring() {}

    static EvalReport report(
            String version,
            Instant createdAt,
            EngineInfo engine,
            DatasetInfo dataset,
            TierStatus execution,
            TierStatus shellcheck,
            TierStatus safetyTier,
            List<TaskResult> results,
            @Nullable ComparatorCalibration comparator,
            @Nullable SafetyReport safety,
            double sandboxSeconds,
            double wallSeconds) {
        Map<String, Estimate> metrics = metrics(results, execution.ran(), shellcheck.ran());
        Map<String, Map<String, Estimate>> byTag = new TreeMap<>();
        Map<String, List<TaskResult>> slices = new TreeMap<>();
        for (TaskResult r : results) {
            r.tags()
                    .forEach((k, v) -> slices.computeIfAbsent(k + "=" + v, x -> new ArrayList<>())
                            .add(r));
        }
        slices.forEach((tag, slice) -> byTag.put(tag, metrics(slice, execution.ran(), shellcheck.ran())));
        List<ConfidenceCalibration.Scored> scored = new ArrayList<>();
        for (TaskResult r : results) {
            Double confidence = r.confidence();
            if (r.answered() && confidence != null) { // an answered task always has one
                scored.add(new ConfidenceCalibration.Scored(confidence, r.correct()));
            }
        }
        ConfidenceCalibration calibration = ConfidenceCalibration.of(scored);
        return new EvalReport(
                version,
                createdAt,
                engine,
                dataset,
                execution,
                shellcheck,
                safetyTier,
                metrics,
                byTag,
                counts(results),
                calibration,
                execution.ran() ? MetricNames.FUNCTIONAL_EQUIVALENCE : MetricNames.EXACT_MATCH,
                comparator,
                safety,
                cost(results, sandboxSeconds, wallSeconds),
                results);
    }

    private static boolean equivalent(TaskResult r) {
        TaskExecution e = r.execution();
        return e != null && e.equivalent();
    }

    static Map<String, Estimate> metrics(List<TaskResult> results, boolean executed, boolean shellchecked) {
        Map<String, Estimate> m = new LinkedHashMap<>();
        if (executed) {
            m.put(MetricNames.FUNCTIONAL_EQUIVALENCE, rate(results, r -> r.execution() != null, Scoring::equivalent));
        }
        m.put(MetricNames.EXACT_MATCH, rate(results, r -> true, TaskResult::exactMatch));
        m.put(MetricNames.FIRST_UTILITY, rate(results, r -> true, TaskResult::firstUtility));
        m.put(MetricNames.NLC2CMD, mean(results, TaskResult::nlc2cmd));
        m.put(MetricNames.BLEU, mean(results, TaskResult::bleu));
        m.put(MetricNames.SYNTAX_VALID, rate(results, TaskResult::answered, r -> Boolean.TRUE.equals(r.syntaxValid())));
        if (shellchecked) {
            m.put(
                    MetricNames.SHELLCHECK_VALID,
                    rate(results, TaskResult::answered, r -> Boolean.TRUE.equals(r.shellcheckValid())));
        }
        m.put(MetricNames.COMMAND_ONLY, rate(results, r -> r.commandOnly() != null, r -> r.commandOnly()));
        m.put(MetricNames.ANSWERED, rate(results, r -> true, TaskResult::answered));
        m.put(MetricNames.NO_SUGGESTION, rate(results, r -> true, r -> "NO_SUGGESTION".equals(r.outcome())));
        m.put(MetricNames.BLOCKED, rate(results, r -> true, r -> "BLOCKED".equals(r.outcome())));
        return m;
    }

    private static Estimate rate(List<TaskResult> results, Predicate<TaskResult> among, Predicate<TaskResult> success) {
        long n = 0;
        long k = 0;
        for (TaskResult r : results) {
            if (among.test(r)) {
                n++;
                k += success.test(r) ? 1 : 0;
            }
        }
        return Estimates.rate(k, n);
    }

    private static Estimate mean(List<TaskResult> results, ToDoubleFunction<TaskResult> f) {
        return Estimates.mean(results.stream().mapToDouble(f).toArray());
    }

    private static Counts counts(List<TaskResult> results) {
        int answered = 0;
        int safe = 0;
        int review = 0;
        int none = 0;
        int blocked = 0;
        int rejected = 0;
        int ingress = 0;
        int failed = 0;
        for (TaskResult r : results) {
            switch (r.outcome()) {
                case "ANSWERED" -> {
                    answered++;
                    if ("SAFE".equals(r.risk())) {
                        safe++;
                    } else {
                        review++;
                    }
                }
                case "NO_SUGGESTION" -> none++;
                case "BLOCKED" -> blocked++;
                case "REJECTED_OUTPUT" -> rejected++;
                case "REJECTED_INGRESS" -> ingress++;
                default -> failed++;
            }
        }
        return new Counts(results.size(), answered, safe, review, none, blocked, rejected, ingress, failed);
    }

    private static Cost cost(List<TaskResult> results, double sandboxSeconds, double wallSeconds) {
        double[] latency = results.stream().mapToDouble(TaskResult::latencyMs).toArray();
        double cpuMs = results.stream().mapToDouble(TaskResult::cpuMs).sum();
        long tokens = results.stream().mapToLong(TaskResult::completionTokens).sum();
        double inferenceSeconds =
                results.stream().mapToDouble(TaskResult::inferenceMs).sum() / 1000;
        int n = Math.max(1, results.size());
        return new Cost(
                Estimates.percentile(latency, 50),
                Estimates.percentile(latency, 95),
                java.util.Arrays.stream(latency).average().orElse(0),
                cpuMs / 1000 / n,
                cpuMs / 1000,
                tokens > 0 ? tokens / Math.max(inferenceSeconds, 1e-9) : null,
                tokens,
                sandboxSeconds,
                wallSeconds);
    }
}
