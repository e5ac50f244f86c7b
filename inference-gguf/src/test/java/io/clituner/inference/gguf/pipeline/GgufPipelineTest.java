package io.clituner.inference.gguf.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.clituner.core.CommandResponse;
import io.clituner.core.Pipeline;
import io.clituner.core.RiskLevel;
import io.clituner.core.error.CliTunerException;
import io.clituner.core.error.CommandBlockedException;
import io.clituner.core.error.NoSuggestionException;
import io.clituner.core.error.OutputRejectedException;
import io.clituner.core.metrics.Stage;
import io.clituner.guardrails.GuardrailOutputValidator;
import io.clituner.inference.gguf.GgufEngine;
import io.clituner.inference.gguf.GgufEngineConfig;
import io.clituner.inference.gguf.SharedModels;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The whole pipeline around the real engine and the real guardrails validator (found by
 * ServiceLoader). stories260K writes English, not commands, so the guardrail may return, flag,
 * reject or block what it writes (and the engine refuses a line it did not finish): each outcome must be typed and deterministic, and a validated
 * answer must come from the response cache the second time.
 */
class GgufPipelineTest {
    @Test
    void everyQueryEndsInATypedDeterministicOutcome() {
        GgufEngineConfig config = GgufEngineConfig.builder(SharedModels.require(SharedModels.STORIES)).threads(1).maxTokens(64).build();
        try (GgufEngine engine = GgufEngine.open(config); Pipeline pipeline = Pipeline.builder().engine(engine).build()) {
            long engineRuns = 0;
            for (String query : List.of("list all pdf files", "show disk usage of this folder", "print the current date")) {
                Object first = outcome(pipeline, query);
                Object second = outcome(pipeline, query);
                if (first instanceof CommandResponse r) {
                    assertTrue(r.command().length() >= 3 && !r.command().contains("\n"), r.command());
                    assertTrue(r.risk() != RiskLevel.DANGEROUS);
                    assertEquals(0.75, r.confidence(), "a finished single line");
                    assertEquals(engine.model().sha256(), r.provenance().modelSha256());
                    CommandResponse again = assertInstanceOf(CommandResponse.class, second);
                    assertEquals(r.command(), again.command());
                    assertTrue(again.provenance().cacheHit(), "deterministic decoding makes the repeat a cache hit");
                    engineRuns += 1;
                } else if (first instanceof CommandBlockedException b) {
                    assertEquals(engine.model().sha256(), b.provenance().modelSha256());
                    assertTrue(assertInstanceOf(CommandBlockedException.class, second).provenance().cacheHit());
                    engineRuns += 1;
                } else if (first instanceof NoSuggestionException n) {
                    assertEquals(n.getMessage(), assertInstanceOf(NoSuggestionException.class, second).getMessage());
                    engineRuns += 2;
                } else {
                    OutputRejectedException r = assertInstanceOf(OutputRejectedException.class, first);
                    assertEquals(r.code(), assertInstanceOf(OutputRejectedException.class, second).code(), "same text, same verdict");
                    engineRuns += 2;
                }
            }
            assertEquals(engineRuns, pipeline.metrics().latency().get(Stage.INFERENCE).count());
        }
    }

    @Test
    void theRealValidatorIsTheOneDiscovered() {
        assertTrue(java.util.ServiceLoader.load(io.clituner.core.analysis.OutputValidator.class).stream()
                .anyMatch(p -> p.type() == GuardrailOutputValidator.class), "guardrails registers its validator");
    }

    private static Object outcome(Pipeline pipeline, String query) {
        try {
            return pipeline.translate(query);
        } catch (CommandBlockedException | OutputRejectedException | NoSuggestionException e) {
            return e;
        } catch (CliTunerException e) {
            fail("unexpected outcome " + e);
            return null;
        }
    }
}
