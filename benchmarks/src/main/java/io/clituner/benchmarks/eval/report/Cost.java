package io.clituner.benchmarks.eval.report;

import org.jspecify.annotations.Nullable;

/**
 * The run's compute accounting.
 *
 * @param latencyP50Ms      median pipeline latency per query
 * @param latencyP95Ms      95th percentile
 * @param latencyMeanMs     mean
 * @param cpuSecondsPerQuery process CPU time per query (all JVM threads, native inference threads included)
 * @param cpuSecondsTotal   process CPU time over all queries
 * @param tokensPerSecond   generated tokens per second of inference ({@code null} when the engine reports no tokens)
 * @param completionTokens  tokens generated in total
 * @param sandboxSeconds    wall time spent executing commands in sandboxes
 * @param wallSeconds       wall time of the whole run
 */
public record Cost(
        double latencyP50Ms,
        double latencyP95Ms,
        double latencyMeanMs,
        double cpuSecondsPerQuery,
        double cpuSecondsTotal,
        @Nullable Double tokensPerSecond,
        long completionTokens,
        double sandboxSeconds,
        double wallSeconds) {}
