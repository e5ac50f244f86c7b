package io.clituner.benchmarks.eval.report;

/** How the pipeline ended on the tasks. */
public record Counts(
        int tasks,
        int answered,
        int answeredSafe,
        int answeredReview,
        int noSuggestion,
        int blocked,
        int rejectedOutput,
        int rejectedIngress,
        int failed) {}
