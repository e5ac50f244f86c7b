package io.clituner.benchmarks.eval.compare;

/** How two executions compare, from the strongest agreement to the first disagreement found. */
public enum Verdict {
    /** Same exit status, same stdout bytes, same resulting tree. */
    EQUIVALENT_EXACT,
    /** Same exit status and tree; stdout equal once lines are sorted and whitespace collapsed. */
    EQUIVALENT_NORMALISED,
    DIFFERENT_EXIT_STATUS,
    DIFFERENT_OUTPUT,
    DIFFERENT_TREE,
    /** One of the runs hit the wall clock or the output cap: never judged equivalent. */
    LIMIT_HIT;

    public boolean equivalent() {
        return this == EQUIVALENT_EXACT || this == EQUIVALENT_NORMALISED;
    }
}
