package io.clituner.inference.gguf.llamacpp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clituner.core.NormalizedRequest;
import io.clituner.core.SafetyLevel;
import io.clituner.core.error.ModelFileException;
import io.clituner.core.prompt.PromptBuilder;
import io.clituner.inference.gguf.GgufEngine;
import io.clituner.inference.gguf.GgufEngineConfig;
import io.clituner.inference.gguf.format.GgmlType;
import io.clituner.inference.gguf.format.GgufFile;
import io.clituner.inference.gguf.format.GgufReader;
import io.clituner.inference.gguf.format.RandomWeightsModel;
import io.clituner.inference.gguf.internal.decode.Completion;
import io.clituner.inference.gguf.internal.decode.DecodeSessionTest;
import io.clituner.inference.gguf.internal.llamacpp.LlamaContextParams;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Models written at test time in architectures and tensor types the old binding (llama.cpp b4916) cannot load:
 * Qwen3 in F32 and with MXFP4 weights. Needs no shared file.
 */
class NewArchitecturesTest {
    @TempDir
    static Path dir;

    static Path qwen3(GgmlType weights) throws IOException {
        Path p = dir.resolve("qwen3-" + weights + ".gguf");
        if (!p.toFile().exists()) {
            RandomWeightsModel.write(p, new RandomWeightsModel.Shape("qwen3", 512, 64, 2, 4, 2, 128, 512, weights), 3);
        }
        return p;
    }

    @Test
    void aQwen3ModelLoadsAndGeneratesDeterministically() throws IOException {
        for (GgmlType weights : List.of(GgmlType.F32, GgmlType.MXFP4)) {
            Path model = qwen3(weights);
            GgufFile header = GgufReader.read(model);
            assertEquals("qwen3", header.architecture(), "the Java validation accepts the file");
            try (LlamaCppEngine e =
                    LlamaCppEngine.open(LlamaCppConfig.builder(model).threads(1).build())) {
                assertEquals("qwen3", e.model().metadata().get("architecture"));
                assertEquals("gguf-template (llama.cpp)", e.model().metadata().get("chatFormatSource"));
                assertTrue(
                        e.render(new PromptBuilder()
                                        .build(NormalizedRequest.of("list files", SafetyLevel.STRICT), List.of()))
                                .endsWith("<|im_start|>assistant\n"),
                        "ChatML through llama.cpp's template engine");
            }
            List<String> texts = new ArrayList<>();
            for (boolean reuse : new boolean[] {true, false}) {
                texts.addAll(DecodeSessionTest.withSession(
                        model, 16, reuse, LlamaContextParams.FLASH_ATTN_ENABLED, s -> {
                            List<String> out = new ArrayList<>();
                            for (String q : List.of(
                                    "<|im_start|>user\nlist all pdf files in this folder please<|im_end|>\n<|im_start|>assistant\n",
                                    "<|im_start|>user\nlist all pdf files in this folder please<|im_end|>\n<|im_start|>assistant\n")) {
                                Completion c = s.generate(DecodeSessionTest.greedy(s, q, 16), null, () -> false);
                                assertEquals(16, c.tokens().length, "random weights do not stop early");
                                out.add(c.text());
                            }
                            return out;
                        }));
            }
            assertEquals(
                    1,
                    texts.stream().distinct().count(),
                    weights + ": greedy output across calls and KV reuse: " + texts);
            assertFalse(texts.get(0).isEmpty());
        }
    }

    @Test
    void theOldBindingRefusesQwen3WithATypedError() throws IOException {
        Path model = qwen3(GgmlType.F32);
        ModelFileException e = assertThrows(
                ModelFileException.class,
                () -> GgufEngine.open(GgufEngineConfig.builder(model).threads(1).build())
                        .close());
        assertTrue(e.getMessage().contains("qwen3"), e.getMessage());
    }
}
