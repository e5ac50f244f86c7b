package io.clituner.inference.gguf.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.clituner.core.CommandResponse;
import io.clituner.core.RiskLevel;
import io.clituner.core.engine.EngineSettings;
import io.clituner.core.engine.InferenceEngine;
import io.clituner.core.engine.InferenceEngines;
import io.clituner.core.error.CliTunerException;
import io.clituner.core.error.CommandBlockedException;
import io.clituner.core.error.NoSuggestionException;
import io.clituner.core.error.OutputRejectedException;
import io.clituner.core.metrics.PipelineStage;
import io.clituner.core.pipeline.Pipeline;
import io.clituner.guardrails.GuardrailOutputValidator;
import io.clituner.inference.gguf.SharedModels;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The same contract for both GGUF engines ({@code gguf}: current llama.cpp, {@code java-llama.cpp}: de.kherud), opened
 * by name through the SPI: the whole pipeline around the real engine and the real guardrails validator (found by
 * ServiceLoader). stories260K writes English, not commands, so the guardrail may return, flag,
 * reject or block what it writes (and the engine refuses a line it did not finish): each outcome must be typed and deterministic, and a validated
 * answer must come from the response cache the second time.
 */
class GgufPipelineTest {
    @ParameterizedTest
    @ValueSource(strings = {"gguf", "java-llama.cpp"})
    void everyQueryEndsInATypedDeterministicOutcome(String engineName) {
        EngineSettings settings = EngineSettings.builder()
                .engine(engineName)
                .model(SharedModels.require(SharedModels.STORIES))
                .option("threads", 1)
                .option("maxTokens", 64)
                .build();
        try (InferenceEngine engine = InferenceEngines.open(settings);
                Pipeline pipeline = Pipeline.builder().engine(engine).build()) {
            assertEquals(engineName, engine.model().engine());
            long engineRuns = 0;
            for (String query :
                    List.of("list all pdf files", "show disk usage of this folder", "print the current date")) {
                Object first = outcome(pipeline, query);
                Object second = outcome(pipeline, query);
                if (first instanceof CommandResponse r) {
                    assertTrue(r.command().length() >= 3 && !r.command().contains("\n"), r.command());
                    assertTrue(r.risk() != RiskLevel.DANGEROUS);
                    if (engineName.equals("gguf")) {
                        assertTrue(
                                r.confidence() > 0 && r.confidence() < 1,
                                "the model's mean token probability: " + r.confidence());
                    } else {
                        assertEquals(0.75, r.confidence(), "a finished single line");
                    }
                    assertEquals(engine.model().sha256(), r.provenance().modelSha256());
                    CommandResponse again = assertInstanceOf(CommandResponse.class, second);
                    assertEquals(r.command(), again.command());
                    assertTrue(again.provenance().cacheHit(), "deterministic decoding makes the repeat a cache hit");
                    engineRuns += 1;
                } else if (first instanceof CommandBlockedException b) {
                    assertEquals(
                            engine.model().sha256(),
                            b.provenance().orElseThrow().modelSha256());
                    assertTrue(assertInstanceOf(CommandBlockedException.class, second)
                            .provenance()
                            .orElseThrow()
                            .cacheHit());
                    engineRuns += 1;
                } else if (first instanceof NoSuggestionException n) {
                    assertEquals(
                            n.getMessage(),
                            assertInstanceOf(NoSuggestionException.class, second)
                                    .getMessage());
                    engineRuns += 2;
                } else {
                    OutputRejectedException r = assertInstanceOf(OutputRejectedException.class, first);
                    assertEquals(
                            r.code(),
                            assertInstanceOf(OutputRejectedException.class, second)
                                    .code(),
                            "same text, same verdict");
                    engineRuns += 2;
                }
            }
            assertEquals(
                    engineRuns,
                    pipeline.metrics().latency().get(PipelineStage.INFERENCE).count());
        }
    }

    @Test
    void theRealValidatorIsTheOneDiscovered() {
        assertTrue(
                java.util.ServiceLoader.load(io.clituner.core.analysis.OutputValidator.class).stream()
                        .anyMatch(p -> p.type() == GuardrailOutputValidator.class),
                "guardrails registers its validator");
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
