package io.clituner.benchmarks.eval.report;

import java.util.List;

/**
 * How well the execution comparator separates equivalent from different commands on this set: two
 * references of the same task should be judged equivalent, a reference of another task (run on this
 * task's fixture) should not.
 *
 * @param sameTaskPairs       pairs of references of one task compared
 * @param sameTaskEquivalent  of those, judged equivalent
 * @param crossTaskPairs      reference-of-another-task pairs compared
 * @param crossTaskEquivalent of those, judged equivalent (false agreements)
 * @param sameTaskMisses      task ids whose references were judged different (at most 30)
 * @param crossTaskHits       "task vs other task" pairs judged equivalent (at most 30)
 */
public record ComparatorCalibration(
        int sameTaskPairs,
        int sameTaskEquivalent,
        int crossTaskPairs,
        int crossTaskEquivalent,
        List<String> sameTaskMisses,
        List<String> crossTaskHits) {
    public ComparatorCalibration {
        sameTaskMisses = List.copyOf(sameTaskMisses);
        crossTaskHits = List.copyOf(crossTaskHits);
    }

    public double sameTaskRate() {
        return sameTaskPairs == 0 ? 0 : (double) sameTaskEquivalent / sameTaskPairs;
    }

    public double crossTaskRate() {
        return crossTaskPairs == 0 ? 0 : (double) crossTaskEquivalent / crossTaskPairs;
    }
}
