package io.clituner.core.metrics;

/** Latency percentiles of one stage, in microseconds, over every request since the pipeline started. */
public record LatencySummary(long count, double p50Micros, double p95Micros, double p99Micros, double maxMicros) {}
