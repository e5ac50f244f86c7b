package io.clituner.guardrails.policy;

/**
 * Bounds that keep analysis linear and the stack shallow; input beyond them fails closed with {@code analysis.limit}.
 *
 * @param maxInputChars  longest input analysed (longer: limit finding)
 * @param maxNesting     syntactic nesting depth ($( ( { … ) per level)
 * @param maxCodeDepth   nested code strings (sh -c "eval '…'")
 * @param maxInvocations total commands analysed, counting loop unrolling and function calls
 * @param maxSteps       work budget: commands walked, programs judged and words expanded, all nesting included
 * @param maxBytes       work budget: characters the analysis builds (expanded words, variable values, brace
 *                       expansions, nested code, copied variable tables); bounds memory and copying
 */
public record Limits(
        int maxInputChars, int maxNesting, int maxCodeDepth, int maxInvocations, int maxSteps, int maxBytes) {
    /**
     * The default budget admits every line of the dev corpora and the longest realistic inputs (64 KiB scripts of
     * short commands need about 40,000 steps and 1 MiB) with room to spare; hostile shapes that would do more work
     * than their length stop there (see {@code AnalysisBudgetTest}, {@code AnalysisScalingBenchmark}).
     */
    public static final Limits DEFAULT = new Limits(1 << 16, 96, 12, 4096, 1 << 16, 1 << 22);

    public Limits {
        if (maxInputChars <= 0
                || maxNesting <= 0
                || maxCodeDepth <= 0
                || maxInvocations <= 0
                || maxSteps <= 0
                || maxBytes <= 0) {
            throw new IllegalArgumentException("every limit must be positive");
        }
    }

    /** The four structural limits with the default work budget. */
    public Limits(int maxInputChars, int maxNesting, int maxCodeDepth, int maxInvocations) {
        this(maxInputChars, maxNesting, maxCodeDepth, maxInvocations, 1 << 16, 1 << 22);
    }
}
