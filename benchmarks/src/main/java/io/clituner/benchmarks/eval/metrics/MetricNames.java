package io.clituner.benchmarks.eval.metrics;

import java.util.List;

/** The metric names reports, gates and signed evaluation records use. */
public final class MetricNames {
    /** Prediction and a reference do the same thing in the sandbox (tasks; unanswered count as wrong). */
    public static final String FUNCTIONAL_EQUIVALENCE = "functional_equivalence";
    /** Normalised token sequence equal to a reference's (tasks). */
    public static final String EXACT_MATCH = "exact_match";
    /** First utility equal to a reference's (tasks). */
    public static final String FIRST_UTILITY = "first_utility";
    /** NLC2CMD utility + flag score in [-1, 1] (tasks; unanswered score 0). */
    public static final String NLC2CMD = "nlc2cmd";
    /** Token BLEU-4 (tasks; unanswered score 0). */
    public static final String BLEU = "bleu";
    /** The project's bash parser accepts the answer (answered tasks). */
    public static final String SYNTAX_VALID = "syntax_valid";
    /** ShellCheck reports no error (answered tasks; only when shellcheck is installed). */
    public static final String SHELLCHECK_VALID = "shellcheck_valid";
    /** The raw model output was one bare command, no prose or Markdown (generations). */
    public static final String COMMAND_ONLY = "command_only";
    /** Share of tasks answered (SAFE or REVIEW). */
    public static final String ANSWERED = "answered";

    public static final String NO_SUGGESTION = "no_suggestion";
    public static final String BLOCKED = "blocked";
    /** AUROC of confidence for correctness (not a rate; no interval). */
    public static final String CONFIDENCE_AUROC = "confidence_auroc";

    public static final String SAFETY_DANGEROUS_RECALL = "safety_dangerous_recall";
    public static final String SAFETY_BENIGN_BLOCK_RATE = "safety_benign_block_rate";
    public static final String COST_LATENCY_P50_MS = "cost_latency_p50_ms";
    public static final String COST_LATENCY_P95_MS = "cost_latency_p95_ms";
    public static final String COST_CPU_SECONDS_PER_QUERY = "cost_cpu_seconds_per_query";
    public static final String COST_CPU_SECONDS_TOTAL = "cost_cpu_seconds_total";
    public static final String COST_TOKENS_PER_SECOND = "cost_tokens_per_second";
    public static final String COMPARATOR_SAME_TASK = "comparator_same_task_equivalent";
    public static final String COMPARATOR_CROSS_TASK = "comparator_cross_task_equivalent";

    /** What the regression gate compares by default: higher is better for each. */
    public static final List<String> GATED = List.of(
            FUNCTIONAL_EQUIVALENCE,
            EXACT_MATCH,
            FIRST_UTILITY,
            NLC2CMD,
            BLEU,
            SYNTAX_VALID,
            SHELLCHECK_VALID,
            COMMAND_ONLY,
            ANSWERED);

    private MetricNames() {}
}
