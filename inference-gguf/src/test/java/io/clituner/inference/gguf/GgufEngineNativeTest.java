package io.clituner.inference.gguf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.kherud.llama.InferenceParameters;
import de.kherud.llama.LlamaModel;
import de.kherud.llama.ModelParameters;
import de.kherud.llama.Pair;
import io.clituner.core.NormalizedRequest;
import io.clituner.core.RawModelOutput;
import io.clituner.core.engine.ChatMessage;
import io.clituner.core.engine.EngineSettings;
import io.clituner.core.engine.InferenceEngine;
import io.clituner.core.engine.InferenceEngines;
import io.clituner.core.engine.Prompt;
import io.clituner.core.error.ErrorCode;
import io.clituner.core.error.InferenceException;
import io.clituner.core.error.ModelFileException;
import io.clituner.core.error.NoSuggestionException;
import io.clituner.inference.gguf.generation.TerminationConfidence;
import io.clituner.inference.gguf.internal.binding.LoadedModelCache;
import io.clituner.inference.gguf.internal.binding.NativeLibrary;
import io.clituner.inference.gguf.template.ChatFormat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Through the real JNI binding on the shared test models; skipped when they are absent. */
class GgufEngineNativeTest {

    @TempDir
    Path dir;

    static Prompt prompt(String query) {
        return SharedModels.prompt(query);
    }

    static NormalizedRequest request(String query) {
        return SharedModels.request(query);
    }

    /**
     * Grammar off: random weights never end the grammar's line within a few dozen tokens, and the
     * engine refuses an unfinished line (see {@link #anUnfinishedLineIsNoSuggestion}).
     */
    static GgufEngineConfig.Builder tiny() {
        return GgufEngineConfig.builder(SharedModels.require(SharedModels.TINY_RANDOM))
                .maxTokens(24)
                .threads(1)
                .grammar(false);
    }

    static GgufEngineConfig.Builder stories() {
        return GgufEngineConfig.builder(SharedModels.require(SharedModels.STORIES))
                .maxTokens(48)
                .threads(1);
    }

    @Test
    void loadsAndDescribesTheModel() {
        try (GgufEngine engine = GgufEngine.open(tiny().build())) {
            var id = engine.model();
            assertEquals("81f226c62d28ed4a1a9b9fa080fcd9f0cc40e0f9d5680036583ff98fbcd035cb", id.sha256());
            assertEquals("java-llama.cpp", id.engine());
            assertEquals("LLaMA v2", id.id());
            assertEquals("F16", id.version());
            assertEquals("llama", id.metadata().get("architecture"));
            assertEquals("4096", id.metadata().get("contextLength"));
            assertEquals("2048", id.metadata().get("contextSize"), "default context: min(2048, trained)");
            assertEquals("513048", id.metadata().get("parameterCount"));
            assertEquals(
                    "llama2-sys",
                    id.metadata().get("chatFormat"),
                    "no template in the file: the llama architecture default");
            assertEquals("BUNDLED_CPU", id.metadata().get("nativeLibrary"));
        }
    }

    @Test
    void greedyOutputIsIdenticalAcrossCallsAndEngines() {
        Prompt p = prompt("list all pdf files");
        List<String> texts = new ArrayList<>();
        try (GgufEngine a = GgufEngine.open(tiny().build());
                GgufEngine b = GgufEngine.open(tiny().build())) {
            for (int i = 0; i < 4; i++) {
                texts.add(a.generate(p, request("list all pdf files")).text());
                texts.add(b.generate(p, request("list all pdf files")).text());
            }
            String other = a.generate(prompt("show disk usage"), request("show disk usage"))
                    .text();
            assertNotEquals(texts.get(0), other, "a different prompt gives different text (the model is not stuck)");
        }
        assertEquals(1, texts.stream().distinct().count(), "greedy decoding must repeat exactly: " + texts);
    }

    @Test
    void grammarAdmitsExactlyOneLineOfCommandText() {
        try (GgufEngine engine = GgufEngine.open(stories().maxTokens(64).build())) {
            for (String q : List.of("list all pdf files", "show disk usage of this folder", "print the current date")) {
                RawModelOutput out = engine.generate(prompt(q), request(q));
                assertTrue(out.text().endsWith("\n"), "the grammar's line ends with its newline: " + out.text());
                String line = out.text().substring(0, out.text().length() - 1);
                assertFalse(line.isEmpty(), q);
                assertTrue(
                        line.chars().noneMatch(c -> c < 0x20 || c == 0x7f),
                        "no control characters or second line: " + out.text());
                assertFalse(
                        Character.isWhitespace(line.charAt(0)) || line.charAt(0) == '`' || line.charAt(0) == '#',
                        out.text());
                assertEquals("one-line", out.details().get("grammar"));
                assertEquals("NATURAL", out.details().get("stopReason"));
                assertTrue(
                        out.completionTokens() > 0 && out.completionTokens() < 64, "tokens: " + out.completionTokens());
                assertTrue(out.promptTokens() > 20, "the rendered system prompt alone has dozens of tokens");
                assertEquals(TerminationConfidence.METHOD, out.confidenceMethod());
                assertEquals(0.75, out.confidence());
            }
        }
    }

    @Test
    void anUnfinishedLineIsNoSuggestion() {
        // A command cut off by maxTokens could mean something else entirely: never hand it on.
        try (GgufEngine engine =
                GgufEngine.open(tiny().grammar(true).maxTokens(8).build())) {
            NoSuggestionException e = assertThrows(
                    NoSuggestionException.class,
                    () -> engine.generate(prompt("list all pdf files"), request("list all pdf files")));
            assertEquals(ErrorCode.NO_SUGGESTION, e.code());
            assertTrue(e.getMessage().contains("maxTokens=8"), e.getMessage());
        }
    }

    @Test
    void withoutGrammarACutOffOutputIsReturnedWithLowConfidence() {
        try (GgufEngine engine = GgufEngine.open(tiny().maxTokens(8).build())) {
            RawModelOutput out = engine.generate(prompt("list all pdf files"), request("list all pdf files"));
            assertEquals(8, out.completionTokens());
            assertEquals("LENGTH", out.details().get("stopReason"));
            assertEquals(0.25, out.confidence());
            assertEquals("off", out.details().get("grammar"));
        }
    }

    @Test
    void stopStringsCutRealText() {
        Prompt p = prompt("tell me a story");
        String full;
        try (GgufEngine free = GgufEngine.open(stories().grammar(false).build())) {
            full = free.generate(p, request("tell me a story")).text();
        }
        String[] words = full.strip().split(" ");
        assertTrue(words.length >= 3, "stories260K writes English words: " + full);
        // The third word, with its leading space, as a stop string: generation must end just before it.
        String stop = " " + words[2];
        int cut = full.indexOf(stop);
        assertTrue(cut > 0, full);
        try (GgufEngine stopped = GgufEngine.open(
                stories().grammar(false).stopStrings(List.of(stop)).build())) {
            RawModelOutput out = stopped.generate(p, request("tell me a story"));
            assertEquals(
                    full.substring(0, cut), out.text(), "generation ends right before the stop string '" + stop + "'");
            assertEquals("NATURAL", out.details().get("stopReason"));
            assertTrue(out.completionTokens() < 48);
        }
    }

    @Test
    void concurrentCallersGetTheSequentialAnswers() throws Exception {
        List<String> queries = List.of("list all pdf files", "show disk usage", "find large files", "print the date");
        try (GgufEngine a = GgufEngine.open(tiny().build());
                GgufEngine b = GgufEngine.open(tiny().build())) {
            List<String> expected = new ArrayList<>();
            for (String q : queries) {
                expected.add(a.generate(prompt(q), request(q)).text());
            }
            ExecutorService pool = Executors.newFixedThreadPool(6);
            try {
                List<Future<Boolean>> results = new ArrayList<>();
                for (int i = 0; i < 24; i++) {
                    int k = i % queries.size();
                    GgufEngine e = i % 2 == 0 ? a : b;
                    results.add(pool.submit(() -> expected.get(k)
                            .equals(e.generate(prompt(queries.get(k)), request(queries.get(k)))
                                    .text())));
                }
                for (Future<Boolean> f : results) {
                    assertTrue(f.get(), "a concurrent call returned different text");
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    void closedEngineFailsTypedAndTheModelIsReused() {
        LoadedModelCache cache = LoadedModelCache.shared();
        GgufEngine engine = GgufEngine.open(tiny().build());
        long loads = cache.loadCount();
        engine.close();
        engine.close();
        InferenceException e = assertThrows(
                InferenceException.class, () -> engine.generate(prompt("list files"), request("list files")));
        assertEquals(ErrorCode.ENGINE_CLOSED, e.code());
        try (GgufEngine again = GgufEngine.open(tiny().build())) {
            assertTrue(again.generate(prompt("list files"), request("list files"))
                            .text()
                            .length()
                    > 0);
        }
        assertEquals(
                loads,
                cache.loadCount(),
                "closing and reopening must not load the model again (close() leaks natively)");
        // Limits and eviction are tested in a JVM of their own: LoadedModelCacheBoundsTest.
    }

    @Test
    void promptLongerThanTheContextIsATypedError() {
        try (GgufEngine engine = GgufEngine.open(tiny().contextSize(64).build())) {
            InferenceException e = assertThrows(
                    InferenceException.class, () -> engine.generate(prompt("list files"), request("list files")));
            assertEquals(ErrorCode.INFERENCE_FAILED, e.code());
            assertTrue(e.getMessage().contains("contextSize"), e.getMessage());
        }
    }

    @Test
    void gpuLayersOnTheCpuBuildRunOnTheCpu() {
        try (GgufEngine engine = GgufEngine.open(tiny().gpuLayers(8).build())) {
            assertEquals("0", engine.model().metadata().get("gpuLayers"));
            assertFalse(engine.generate(prompt("list files"), request("list files"))
                    .text()
                    .isEmpty());
        }
    }

    @Test
    void badFilesFailBeforeNativeCode() throws IOException {
        LoadedModelCache cache = LoadedModelCache.shared();
        long loads = cache.loadCount();
        byte[] real = Files.readAllBytes(SharedModels.require(SharedModels.TINY_RANDOM));
        Path truncated = Files.write(dir.resolve("truncated.gguf"), Arrays.copyOf(real, real.length - 4096));
        Path badMagic = dir.resolve("magic.gguf");
        byte[] copy = real.clone();
        copy[0] = 'X';
        Files.write(badMagic, copy);
        Path empty = Files.write(dir.resolve("empty.gguf"), new byte[0]);
        record Case(Path file, ErrorCode code) {}
        for (Case c : List.of(
                new Case(truncated, ErrorCode.MODEL_TRUNCATED),
                new Case(badMagic, ErrorCode.MODEL_UNSUPPORTED),
                new Case(empty, ErrorCode.MODEL_TRUNCATED),
                new Case(dir.resolve("absent.gguf"), ErrorCode.MODEL_NOT_FOUND))) {
            ModelFileException e = assertThrows(
                    ModelFileException.class,
                    () -> GgufEngine.open(GgufEngineConfig.builder(c.file()).build()));
            assertEquals(c.code(), e.code(), e.getMessage());
        }
        assertEquals(loads, cache.loadCount(), "no bad file may reach llama.cpp");
    }

    @Test
    void serviceLoaderOpensTheGgufEngineByName() {
        Path model = SharedModels.require(SharedModels.TINY_RANDOM);
        try (InferenceEngine engine = InferenceEngines.open(EngineSettings.builder()
                .model(model)
                .engine("java-llama.cpp")
                .option("threads", 1)
                .option("maxTokens", 8)
                .build())) {
            assertInstanceOf(GgufEngine.class, engine);
            assertEquals(8, ((GgufEngine) engine).config().maxTokens());
        }
    }

    /** Our Java rendering of each chat format equals llama.cpp's own built-in template of the same name. */
    @Test
    void renderingMatchesLlamaCppTemplates() {
        Path model = SharedModels.require(SharedModels.STORIES);
        NativeLibrary.ensureLoaded(null);
        List<ChatMessage> chat = List.of(
                ChatMessage.system("SYS"),
                ChatMessage.user("list files"),
                ChatMessage.assistant("ls"),
                ChatMessage.user("show disk"));
        List<Pair<String, String>> turns = List.of(
                new Pair<>("user", "list files"), new Pair<>("assistant", "ls"), new Pair<>("user", "show disk"));
        for (ChatFormat format : ChatFormat.values()) {
            ModelParameters p = new ModelParameters()
                    .setModel(model.toString())
                    .setCtxSize(64)
                    .setThreads(1)
                    .disableLog()
                    .setChatTemplate(format.llamaCppName());
            try (LlamaModel llama = new LlamaModel(p)) {
                String expected = llama.applyTemplate(new InferenceParameters("").setMessages("SYS", turns));
                assertEquals(expected, format.apply(chat), format.name());
            }
        }
    }
}
