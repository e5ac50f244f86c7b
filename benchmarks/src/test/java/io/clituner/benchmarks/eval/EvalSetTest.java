package io.clituner.benchmarks.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.clituner.benchmarks.eval.metrics.MetricNames;
import io.clituner.benchmarks.eval.report.EvalReport;
import io.clituner.benchmarks.eval.report.MarkdownReport;
import io.clituner.benchmarks.eval.report.RegressionGate;
import io.clituner.benchmarks.eval.report.Reports;
import io.clituner.benchmarks.eval.report.TaskResult;
import io.clituner.benchmarks.eval.sandbox.BubblewrapSandbox;
import io.clituner.benchmarks.eval.set.EvalSet;
import io.clituner.benchmarks.eval.set.EvalSets;
import io.clituner.benchmarks.eval.set.EvalTask;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The evaluation set itself, executed: every reference runs and succeeds on its fixture, two
 * references of a task are judged equivalent (≥ 95%), a reference of another task is not (≤ 2%), and
 * doing nothing never passes. Then the regression gate on a worse engine. Two full runs of the
 * harness: an oracle answering each task's last reference, and an engine answering {@code true}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EvalSetTest {
    static final Path SET = Path.of("eval/clituner-eval-v1.jsonl");
    private EvalSet set;
    private BubblewrapSandbox sandbox;

    @BeforeAll
    void load() {
        set = EvalSets.load(SET);
        sandbox = BubblewrapSandbox.create();
    }

    @Test
    void theSetIsLargeAndSpread() {
        assertTrue(set.tasks().size() >= 300, "tasks: " + set.tasks().size());
        assertTrue(set.fixtures().size() >= 5, "fixtures: " + set.fixtures().keySet());
        Map<String, Long> byDifficulty =
                set.tasks().stream().collect(Collectors.groupingBy(t -> t.tag("difficulty"), Collectors.counting()));
        assertEquals(Set.of("1", "2", "3"), byDifficulty.keySet());
        byDifficulty.forEach((d, n) -> assertTrue(n >= 50, "difficulty " + d + " has only " + n + " tasks"));
        Set<String> utilities = new HashSet<>();
        set.tasks().forEach(t -> utilities.add(t.tag("utility")));
        assertTrue(utilities.size() >= 50, "utilities: " + utilities.size());
        long twoRefs =
                set.tasks().stream().filter(t -> t.references().size() > 1).count();
        assertTrue(twoRefs >= 0.8 * set.tasks().size(), "tasks with a second reference: " + twoRefs);
        assertEquals(64, set.sha256().length());
    }

    @Test
    void aPairCorpusGetsLexicalMetricsOnlyAndIsNeverExecuted(@org.junit.jupiter.api.io.TempDir Path dir)
            throws Exception {
        Path tsv = dir.resolve("pairs.tsv");
        java.nio.file.Files.writeString(
                tsv,
                "list files\tls -la\ncount lines of a.txt\twc -l a.txt\nwipe the disk\tdd if=/dev/zero of=/dev/sda\n");
        EvalSet pairs = EvalSets.open(tsv);
        assertEquals(3, pairs.tasks().size());
        assertEquals("pairs-2", pairs.tasks().get(1).id());
        try (ScriptedEngine e = new ScriptedEngine("pairs", List.of("ls -al", "wc -l a.txt", "rm -rf /"), a -> 0.5)) {
            EvalReport r = Evaluator.builder(pairs, e)
                    .sandbox(sandbox)
                    .shellcheck(false)
                    .build()
                    .run();
            assertEquals("SKIPPED", r.execution().status());
            assertTrue(
                    r.execution().detail().contains("no fixtures"),
                    r.execution().detail());
            assertEquals(null, r.metric(MetricNames.FUNCTIONAL_EQUIVALENCE));
            assertEquals(1.0 / 3, r.metric(MetricNames.EXACT_MATCH).value(), 1e-12);
            assertEquals(2.0 / 3, r.metric(MetricNames.FIRST_UTILITY).value(), 1e-12);
            assertEquals("BLOCKED", r.tasks().get(2).outcome());
            assertTrue(r.tasks().stream().allMatch(t -> t.execution() == null));
            assertEquals(MetricNames.EXACT_MATCH, r.calibrationBasis());
        }
        assertTrue(assertThrows(
                        io.clituner.core.error.CliTunerException.class,
                        () -> EvalSets.loadPairs(
                                java.nio.file.Files.writeString(dir.resolve("bad.tsv"), "no tab here\n")))
                .getMessage()
                .contains("bad.tsv:1"));
    }

    private EvalReport oracle;
    private EvalReport noop;

    private void runBoth() {
        assumeTrue(
                sandbox.status().available(),
                "EXECUTION TIER UNAVAILABLE, references not executed: "
                        + sandbox.status().detail());
        if (oracle != null) {
            return;
        }
        List<String> last = new ArrayList<>();
        for (EvalTask t : set.tasks()) {
            last.add(t.references().get(t.references().size() - 1));
        }
        try (ScriptedEngine e = new ScriptedEngine("oracle", last, a -> 0.9)) {
            oracle = Evaluator.builder(set, e)
                    .sandbox(sandbox)
                    .shellcheck(false)
                    .build()
                    .run();
        }
        List<String> nothing = set.tasks().stream().map(t -> "true").toList();
        try (ScriptedEngine e = new ScriptedEngine("noop", nothing, a -> 0.2)) {
            noop = Evaluator.builder(set, e)
                    .sandbox(sandbox)
                    .shellcheck(false)
                    .build()
                    .run();
        }
    }

    @Test
    void everyReferenceSucceedsOnItsFixture() {
        runBoth();
        List<String> failed = new ArrayList<>();
        for (TaskResult t : oracle.tasks()) {
            if (t.execution().referenceExit() != 0) {
                failed.add(t.id() + " exit " + t.execution().referenceExit() + ": "
                        + t.references().get(0));
            }
        }
        assertEquals(List.of(), failed);
    }

    @Test
    void theComparatorIsCalibratedOnTheSet() {
        runBoth();
        var c = oracle.comparator();
        assertTrue(c.sameTaskPairs() >= 250, "same-task pairs: " + c.sameTaskPairs());
        assertTrue(
                c.sameTaskRate() >= 0.95,
                "references of one task judged equivalent only " + c.sameTaskRate() + ": " + c.sameTaskMisses());
        assertTrue(c.crossTaskPairs() >= 300, "cross-task pairs: " + c.crossTaskPairs());
        assertTrue(
                c.crossTaskRate() <= 0.02,
                "references of other tasks judged equivalent " + c.crossTaskRate() + ": " + c.crossTaskHits());
    }

    @Test
    void theOracleIsRightWhereThePipelineLetsItAnswer() {
        runBoth();
        for (TaskResult t : oracle.tasks()) {
            if (t.answered()) {
                assertTrue(t.correct(), t.id() + " last reference not equivalent to itself: " + t.execution());
            } else {
                // the guardrail may block or reject a reference (e.g. a recursive delete): never executed
                assertEquals("NOT_RUN", t.execution().verdict(), t.id());
            }
        }
        assertTrue(oracle.metric(MetricNames.FUNCTIONAL_EQUIVALENCE).value() >= 0.9, MarkdownReport.summary(oracle));
        assertEquals(
                1.0,
                oracle.metric(MetricNames.EXACT_MATCH).value()
                        / oracle.metric(MetricNames.ANSWERED).value(),
                1e-9);
    }

    @Test
    void doingNothingNeverPasses() {
        runBoth();
        List<String> passed = noop.tasks().stream()
                .filter(TaskResult::correct)
                .map(TaskResult::id)
                .toList();
        assertEquals(List.of(), passed, "tasks whose reference has no observable effect");
        assertEquals(0.0, noop.metric(MetricNames.FUNCTIONAL_EQUIVALENCE).value());
    }

    @Test
    void theRegressionGateFailsOnAWorseEngineAndNamesTheFlippedTasks() {
        runBoth();
        EvalReport baseline = Reports.fromJson(Reports.toJson(oracle));
        RegressionGate.Result r = new RegressionGate(5).compare(baseline, noop);
        assertFalse(r.passed());
        RegressionGate.Delta fe = r.deltas().stream()
                .filter(d -> d.metric().equals(MetricNames.FUNCTIONAL_EQUIVALENCE))
                .findFirst()
                .orElseThrow();
        assertTrue(fe.failed() && fe.dropPoints() > 90, fe.toString());
        assertEquals(
                oracle.tasks().stream().filter(TaskResult::correct).count(),
                r.regressions().size());
        assertTrue(r.improvements().isEmpty());
        assertTrue(MarkdownReport.gate(r).contains("FAILED"));
        // and passes against itself
        assertTrue(new RegressionGate(5).compare(baseline, oracle).passed());
    }
}
