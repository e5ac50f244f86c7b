package io.clituner.benchmarks;

import io.clituner.core.error.CliTunerException;
import io.clituner.core.pipeline.Pipeline;
import org.HdrHistogram.Histogram;

/**
 * Times pipeline calls end to end and inside the engine, in the same call, and prints per
 * iteration the end-to-end time, the engine's time and the overhead between them (with the
 * pipeline's per-stage latencies and outcomes). Shared by the overhead benchmarks of each engine.
 */
final class OverheadHistograms {
    private static final long MAX = 3_600_000_000L;

    final Histogram total = new Histogram(MAX, 3);
    final Histogram engine = new Histogram(MAX, 3);
    final Histogram overhead = new Histogram(MAX, 3);
    /** End-to-end nanoseconds of the last timed call. */
    long lastTotalNanos;

    /** One translation; a typed failure (rejected, blocked) is measured too and returned as the result. */
    Object time(Pipeline pipeline, String query, GgufFixtures.TimedEngine timed) {
        long t = System.nanoTime();
        Object result;
        try {
            result = pipeline.translate(query);
        } catch (CliTunerException e) {
            result = e;
        }
        lastTotalNanos = System.nanoTime() - t;
        if (timed.lastEngineNanos > 0) {
            total.recordValue(lastTotalNanos);
            engine.recordValue(timed.lastEngineNanos);
            overhead.recordValue(Math.max(0, lastTotalNanos - timed.lastEngineNanos));
        }
        return result;
    }

    boolean isEmpty() {
        return total.getTotalCount() == 0;
    }

    /** Prints this iteration's figures; {@code engineLabel} names what the engine time covers. */
    void print(String engineLabel) {
        System.out.printf(
                "%n  calls=%d  end-to-end mean=%.1f µs p50=%.1f µs p99=%.1f µs%n",
                total.getTotalCount(),
                total.getMean() / 1e3,
                total.getValueAtPercentile(50) / 1e3,
                total.getValueAtPercentile(99) / 1e3);
        System.out.printf(
                "  %s: mean=%.1f µs p50=%.1f µs p99=%.1f µs%n",
                engineLabel,
                engine.getMean() / 1e3,
                engine.getValueAtPercentile(50) / 1e3,
                engine.getValueAtPercentile(99) / 1e3);
        System.out.printf(
                "  pipeline overhead (total - engine): mean=%.1f µs p50=%.1f µs p99=%.1f µs = %.3f%% of end-to-end%n",
                overhead.getMean() / 1e3,
                overhead.getValueAtPercentile(50) / 1e3,
                overhead.getValueAtPercentile(99) / 1e3,
                100.0 * overhead.getMean() / total.getMean());
    }

    static void printStages(Pipeline pipeline) {
        var metrics = pipeline.metrics();
        StringBuilder stages = new StringBuilder("  stage p50/p99 µs (cumulative):");
        metrics.latency()
                .forEach((stage, l) ->
                        stages.append(String.format(" %s %.1f/%.1f", stage, l.p50Micros(), l.p99Micros())));
        System.out.println(stages);
        System.out.println("  outcomes: " + metrics.outcomes() + " failures: " + metrics.failures());
    }

    void reset() {
        total.reset();
        engine.reset();
        overhead.reset();
    }
}
