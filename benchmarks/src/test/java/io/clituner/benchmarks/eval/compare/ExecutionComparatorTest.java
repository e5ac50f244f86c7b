package io.clituner.benchmarks.eval.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clituner.benchmarks.eval.sandbox.Execution;
import io.clituner.benchmarks.eval.sandbox.PathState;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class ExecutionComparatorTest {
    private final ExecutionComparator comparator = new ExecutionComparator();
    private static final PathState A = new PathState("file", "644", 2L, "aa", "a", null);

    static Execution exec(int exit, String out, Map<String, PathState> tree) {
        return new Execution(exit, out.getBytes(StandardCharsets.UTF_8), "", false, false, new TreeMap<>(tree), 1);
    }

    @Test
    void exactThenNormalisedOutput() {
        assertEquals(
                Verdict.EQUIVALENT_EXACT,
                comparator
                        .compare(exec(0, "a\nb\n", Map.of()), exec(0, "a\nb\n", Map.of()))
                        .verdict());
        assertEquals(
                Verdict.EQUIVALENT_NORMALISED,
                comparator
                        .compare(exec(0, "b\n a \n", Map.of()), exec(0, "a\nb", Map.of()))
                        .verdict());
        assertEquals(
                Verdict.EQUIVALENT_NORMALISED,
                comparator
                        .compare(exec(0, "3  x\n", Map.of()), exec(0, "3\tx\n", Map.of()))
                        .verdict());
        Comparison diff = comparator.compare(exec(0, "a\nb\n", Map.of()), exec(0, "a\nc\n", Map.of()));
        assertEquals(Verdict.DIFFERENT_OUTPUT, diff.verdict());
        assertTrue(
                diff.diff().contains("- b") && diff.diff().contains("+ c"),
                diff.diff().toString());
    }

    @Test
    void orderCountsWhenTheTaskAsksForIt() {
        Execution sorted = exec(0, "a\nb\n", Map.of());
        Execution reversed = exec(0, "b\na\n", Map.of());
        assertTrue(comparator.compare(sorted, reversed).equivalent());
        assertEquals(
                Verdict.DIFFERENT_OUTPUT,
                comparator.compare(sorted, reversed, true).verdict());
        assertTrue(comparator
                .compare(exec(0, "a\n  b\n", Map.of()), exec(0, "a\nb", Map.of()), true)
                .equivalent());
    }

    @Test
    void exitStatusTreeAndLimitsDecide() {
        assertEquals(
                Verdict.DIFFERENT_EXIT_STATUS,
                comparator.compare(exec(1, "", Map.of()), exec(2, "", Map.of())).verdict());
        Comparison missing = comparator.compare(exec(0, "", Map.of("f", A)), exec(0, "", Map.of()));
        assertEquals(Verdict.DIFFERENT_TREE, missing.verdict());
        assertTrue(missing.diff().get(0).startsWith("- f"), missing.diff().toString());
        PathState chmodded = new PathState("file", "755", 2L, "aa", "a", null);
        assertEquals(
                Verdict.DIFFERENT_TREE,
                comparator
                        .compare(exec(0, "", Map.of("f", A)), exec(0, "", Map.of("f", chmodded)))
                        .verdict());
        PathState edited = new PathState("file", "644", 2L, "bb", "b", null);
        assertEquals(
                Verdict.DIFFERENT_TREE,
                comparator
                        .compare(exec(0, "", Map.of("f", A)), exec(0, "", Map.of("f", edited)))
                        .verdict());
        PathState samePreviewOtherFlags = new PathState("file", "644", 2L, "aa", "different preview", null);
        assertTrue(comparator
                .compare(exec(0, "", Map.of("f", A)), exec(0, "", Map.of("f", samePreviewOtherFlags)))
                .equivalent());
        Execution timedOut = new Execution(-1, new byte[0], "", true, false, new TreeMap<>(), 1);
        assertEquals(Verdict.LIMIT_HIT, comparator.compare(timedOut, timedOut).verdict());
    }
}
