package io.clituner.benchmarks.eval.compare;

import java.util.List;

/**
 * The comparator's judgement of a prediction against one reference.
 *
 * @param verdict what decided it
 * @param diff    human-readable differences (output lines, tree paths), empty when equivalent
 */
public record Comparison(Verdict verdict, List<String> diff) {
    public Comparison {
        diff = List.copyOf(diff);
    }

    public boolean equivalent() {
        return verdict.equivalent();
    }
}
