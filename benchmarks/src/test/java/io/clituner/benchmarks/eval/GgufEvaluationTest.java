package io.clituner.benchmarks.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clituner.benchmarks.eval.metrics.MetricNames;
import io.clituner.benchmarks.eval.report.EvalReport;
import io.clituner.benchmarks.eval.report.MarkdownReport;
import io.clituner.benchmarks.eval.report.TaskResult;
import io.clituner.benchmarks.eval.sandbox.BubblewrapSandbox;
import io.clituner.benchmarks.eval.set.EvalSet;
import io.clituner.benchmarks.eval.set.EvalSets;
import io.clituner.core.engine.EngineSettings;
import io.clituner.core.engine.InferenceEngine;
import io.clituner.core.engine.InferenceEngines;
import io.clituner.core.testing.SharedFiles;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * A real GGUF model through the harness: the shared tiny random-weight llama (its commands are
 * gibberish, which is what a broken model looks like to the evaluation) on the first tasks of the set.
 */
class GgufEvaluationTest {
    @Test
    void theTinyGgufModelIsEvaluatedEndToEnd() {
        Path model = SharedFiles.require("models/llama-2-tiny-random.gguf");
        EvalSet set = EvalSets.load(EvalSetTest.SET).limit(12);
        // The default GGUF engine with its one-line grammar: random weights end the grammar's bounded line within the
        // default 96 tokens (measured: 100 of 100 tasks, ~35 tokens each), so every task has a raw output.
        EngineSettings settings = EngineSettings.builder()
                .engine("gguf")
                .model(model)
                .option("threads", 1)
                .build();
        BubblewrapSandbox sandbox = BubblewrapSandbox.create();
        EvalReport r;
        try (InferenceEngine engine = InferenceEngines.open(settings)) {
            Evaluator.Builder b = Evaluator.builder(set, engine).shellcheck(false);
            if (sandbox.status().available()) {
                b.sandbox(sandbox);
            } else {
                b.noExecution(sandbox.status().detail());
            }
            r = b.build().run();
        }
        assertEquals("gguf", r.engine().engine());
        assertEquals(
                "81f226c62d28ed4a1a9b9fa080fcd9f0cc40e0f9d5680036583ff98fbcd035cb",
                r.engine().modelSha256());
        assertEquals(12, r.tasks().size());
        assertTrue(r.cost().completionTokens() > 0, "a generative engine reports the tokens it generated");
        assertNotNull(r.cost().tokensPerSecond());
        assertTrue(r.cost().tokensPerSecond() > 0);
        assertNotNull(r.metric(MetricNames.COMMAND_ONLY), "raw outputs are judged for prose and Markdown");
        for (TaskResult t : r.tasks()) {
            assertNotNull(t.rawOutput(), t.id() + " has no raw output: " + t.outcome() + " " + t.errorCode());
        }
        assertEquals(
                sandbox.status().available(),
                r.metric(MetricNames.FUNCTIONAL_EQUIVALENCE) != null,
                MarkdownReport.summary(r));
        // random weights do not produce the reference commands
        assertTrue(r.metric(MetricNames.EXACT_MATCH).value() < 0.5, MarkdownReport.summary(r));
    }
}
