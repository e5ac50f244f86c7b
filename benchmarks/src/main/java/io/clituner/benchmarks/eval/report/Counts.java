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
        int failed) {
    /** The outcome line both reports print: "Outcomes: N answered (…), … N failed." */
    public String sentence() {
        return String.format(
                java.util.Locale.ROOT,
                "Outcomes: %d answered (%d SAFE, %d REVIEW), %d NO_SUGGESTION, %d blocked, %d rejected output, "
                        + "%d rejected at ingress, %d failed.",
                answered,
                answeredSafe,
                answeredReview,
                noSuggestion,
                blocked,
                rejectedOutput,
                rejectedIngress,
                failed);
    }
}
