package io.clituner.inference.gguf.llamacpp;

import static io.clituner.inference.gguf.SharedModels.prompt;
import static io.clituner.inference.gguf.SharedModels.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clituner.core.RawModelOutput;
import io.clituner.core.engine.EngineSettings;
import io.clituner.core.engine.InferenceEngine;
import io.clituner.core.engine.InferenceEngines;
import io.clituner.core.error.ErrorCode;
import io.clituner.core.error.InferenceException;
import io.clituner.core.error.ModelFileException;
import io.clituner.inference.gguf.GgufEngine;
import io.clituner.inference.gguf.SharedModels;
import io.clituner.inference.gguf.internal.llamacpp.NativeModel;
import io.clituner.inference.gguf.output.OutputMode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The current-llama.cpp engine on the shared test models through the real libraries; skipped when the models are absent. */
class LlamaCppEngineTest {

    @TempDir
    Path dir;

    /** Free generation: random weights rarely end a grammar line within a few dozen tokens. */
    static LlamaCppConfig.Builder tiny() {
        return LlamaCppConfig.builder(SharedModels.require(SharedModels.TINY_RANDOM))
                .maxTokens(24)
                .threads(1)
                .output(OutputMode.PARSER);
    }

    static LlamaCppConfig.Builder stories() {
        return LlamaCppConfig.builder(SharedModels.require(SharedModels.STORIES))
                .maxTokens(48)
                .threads(1);
    }

    @Test
    void loadsAndDescribesTheModelAndTheNativeBuild() {
        try (LlamaCppEngine engine = LlamaCppEngine.open(tiny().build())) {
            var id = engine.model();
            assertEquals("81f226c62d28ed4a1a9b9fa080fcd9f0cc40e0f9d5680036583ff98fbcd035cb", id.sha256());
            assertEquals("gguf", id.engine());
            assertEquals("llama", id.metadata().get("architecture"));
            assertEquals("2048", id.metadata().get("contextSize"), "default context: min(2048, trained)");
            assertEquals("v0.5.0", id.metadata().get("llamaCppRelease"));
            assertEquals("@node-llama-cpp/linux-x64@3.22.1", id.metadata().get("nativePackage"));
            assertTrue(id.metadata().get("nativePackageIntegrity").startsWith("sha512-"));
            assertEquals(64, id.metadata().get("libllamaSha256").length());
            assertEquals("BUNDLED", id.metadata().get("nativeLibrary"));
            assertEquals("off", id.metadata().get("flashAttention"), "AUTO keeps flash attention off for a tiny model");
        }
    }

    @Test
    void greedyOutputIsIdenticalAcrossCallsEnginesAndKvReuse() {
        List<String> queries = List.of(
                "list all pdf files", "list all pdf files in this folder", "show disk usage", "list all pdf files");
        List<List<String>> runs = new ArrayList<>();
        for (boolean reuse : new boolean[] {true, false}) {
            try (LlamaCppEngine e =
                    LlamaCppEngine.open(stories().kvReuse(reuse).promptChunk(16).build())) {
                List<String> texts = new ArrayList<>();
                int reusedTotal = 0;
                for (String q : queries) {
                    RawModelOutput out = e.generate(prompt(q), request(q));
                    texts.add(out.text() + " " + out.confidence());
                    reusedTotal += Integer.parseInt(out.details().get("reusedPromptTokens"));
                }
                assertEquals(reuse, reusedTotal > 0, "the shared system prompt is reused only when on: " + reusedTotal);
                runs.add(texts);
            }
        }
        assertEquals(runs.get(0), runs.get(1), "KV reuse must not change greedy output (text and log-probabilities)");
        assertEquals(runs.get(0).get(0), runs.get(0).get(3));
    }

    @Test
    void grammarAdmitsExactlyOneLineAndTheConfidenceComesFromTokenProbabilities() {
        try (LlamaCppEngine engine = LlamaCppEngine.open(stories().maxTokens(64).build())) {
            for (String q : List.of("list all pdf files", "show disk usage of this folder", "print the current date")) {
                RawModelOutput out = engine.generate(prompt(q), request(q));
                assertTrue(out.text().endsWith("\n"), "the grammar's line ends with its newline: " + out.text());
                String line = out.text().substring(0, out.text().length() - 1);
                assertFalse(line.isEmpty(), q);
                assertTrue(line.chars().noneMatch(c -> c < 0x20 || c == 0x7f), "one line: " + out.text());
                assertEquals("grammar", out.details().get("output"));
                assertEquals("END_OF_GENERATION", out.details().get("stopReason"));
                assertEquals(LlamaCppEngine.CONFIDENCE_METHOD, out.confidenceMethod());
                double meanLogProb = Double.parseDouble(out.details().get("meanLogProb"));
                assertTrue(meanLogProb < 0, "a real log-probability: " + meanLogProb);
                assertEquals(Math.exp(meanLogProb), out.confidence(), 1e-9);
            }
        }
    }

    @Test
    void parserModeReturnsTheFirstCommandLineOfFreeText() {
        try (LlamaCppEngine e = LlamaCppEngine.open(
                stories().output(OutputMode.PARSER).stopStrings(List.of(".")).build())) {
            RawModelOutput out = e.generate(prompt("tell a story"), request("tell a story"));
            assertEquals("parser", out.details().get("output"));
            assertEquals("STOP_STRING", out.details().get("stopReason"));
            assertFalse(out.text().isBlank());
            assertFalse(out.text().contains("\n") || out.text().contains("."), out.text());
            assertTrue(out.confidence() > 0 && out.confidence() < 1);
        }
    }

    @Test
    void anInterruptedCallerCancelsItsGeneration() {
        try (LlamaCppEngine e = LlamaCppEngine.open(stories().build())) {
            Thread.currentThread().interrupt();
            try {
                InferenceException ex = assertThrows(
                        InferenceException.class, () -> e.generate(prompt("list files"), request("list files")));
                assertTrue(ex.getMessage().contains("cancelled"), ex.getMessage());
            } finally {
                Thread.interrupted();
            }
            assertFalse(
                    e.generate(prompt("list files"), request("list files"))
                            .text()
                            .isBlank(),
                    "usable afterwards");
        }
    }

    @Test
    void oneNativeModelPerFileFreedWithItsLastEngine() {
        int before = NativeModel.loadedCount();
        LlamaCppEngine a = LlamaCppEngine.open(stories().build());
        LlamaCppEngine b = LlamaCppEngine.open(stories().promptChunk(32).build());
        assertEquals(before + 1, NativeModel.loadedCount(), "two engines, one model");
        a.close();
        assertEquals(before + 1, NativeModel.loadedCount());
        assertEquals(
                b.generate(prompt("list files"), request("list files")).text().isEmpty(), false);
        b.close();
        assertEquals(before, NativeModel.loadedCount(), "freed with the last engine");
        InferenceException closed =
                assertThrows(InferenceException.class, () -> b.generate(prompt("x y"), request("x y")));
        assertEquals(ErrorCode.ENGINE_CLOSED, closed.code());
    }

    @Test
    void gpuLayersWithoutAGpuFallBackToTheCpu() {
        try (LlamaCppEngine e = LlamaCppEngine.open(stories().gpuLayers(99).build())) {
            assertEquals("0", e.model().metadata().get("gpuLayers"));
            assertFalse(e.generate(prompt("list files"), request("list files"))
                    .text()
                    .isEmpty());
        }
    }

    @Test
    void isTheDefaultForGgufFilesAndTheOldBindingStaysSelectable() {
        Path model = SharedModels.require(SharedModels.TINY_RANDOM);
        try (InferenceEngine e = InferenceEngines.open(EngineSettings.forModel(model))) {
            assertInstanceOf(LlamaCppEngine.class, e);
        }
        try (InferenceEngine e = InferenceEngines.open(EngineSettings.builder()
                .model(model)
                .engine("java-llama.cpp")
                .option("grammar", false)
                .build())) {
            assertInstanceOf(GgufEngine.class, e);
        }
    }

    @Test
    void aFileLlamaCppRefusesIsATypedError() throws IOException {
        Path bad = dir.resolve("bad.gguf");
        Files.write(bad, new byte[] {'G', 'G', 'U', 'F', 3, 0, 0, 0});
        ModelFileException e = assertThrows(
                ModelFileException.class,
                () -> LlamaCppEngine.open(LlamaCppConfig.builder(bad).build()));
        assertTrue(
                e.code() == ErrorCode.MODEL_TRUNCATED || e.code() == ErrorCode.MODEL_CORRUPT,
                e.code().name());
    }
}
