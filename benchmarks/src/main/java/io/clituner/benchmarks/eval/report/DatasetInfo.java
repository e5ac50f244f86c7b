package io.clituner.benchmarks.eval.report;

/** The evaluation set: name, digest over the set and its fixtures, sizes. */
public record DatasetInfo(String name, String sha256, int tasks, int fixtures) {}
