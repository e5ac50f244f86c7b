package io.clituner.inference.gguf.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clituner.core.error.ErrorCode;
import io.clituner.core.error.ModelFileException;
import io.clituner.core.testing.SharedFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Files crafted to abort llama.cpp (each one killed the JVM with SIGABRT before this validation)
 * and files llama.cpp silently accepts with nonsense in them: every one is a typed
 * {@link ModelFileException} from Java, before any native code. Written at test time from
 * {@link TinyLlama}, one change each.
 */
class CraftedModelFilesTest {
    @TempDir
    Path dir;

    /** Header validation and the hashing pass, as {@code GgufEngine.open} runs them before loading. */
    private static String check(Path file) {
        return ModelDigests.sha256(GgufReader.read(file));
    }

    static Stream<Arguments> crafted() {
        return Stream.of(
                Arguments.of(
                        "norm tensor declared I32 (GGML_ASSERT in ggml_mul)",
                        TinyLlama.model().tensorType("blk.0.attn_norm.weight", 26),
                        ErrorCode.MODEL_UNSUPPORTED,
                        "'blk.0.attn_norm.weight' has type I32"),
                Arguments.of(
                        "norm tensor declared BF16 (GGML_ASSERT in ggml_mul)",
                        TinyLlama.model().tensorType("blk.0.ffn_norm.weight", 30),
                        ErrorCode.MODEL_UNSUPPORTED,
                        "'blk.0.ffn_norm.weight' has type BF16"),
                Arguments.of(
                        "block_count = 0 (fatal error in llama-hparams.cpp)",
                        TinyLlama.model().blockCount(0),
                        ErrorCode.MODEL_CORRUPT,
                        "llama.block_count is 0"),
                Arguments.of(
                        "rms epsilon NaN (GGML_ASSERT(eps >= 0.0f))",
                        TinyLlama.model().rmsEpsilon(Float.NaN),
                        ErrorCode.MODEL_CORRUPT,
                        "layer_norm_rms_epsilon is NaN"),
                Arguments.of(
                        "rms epsilon infinite",
                        TinyLlama.model().rmsEpsilon(Float.POSITIVE_INFINITY),
                        ErrorCode.MODEL_CORRUPT,
                        "layer_norm_rms_epsilon is Infinity"),
                Arguments.of(
                        "all-NaN token_embd (grammar sampler throws, std::terminate)",
                        TinyLlama.model().fillHalf("token_embd.weight", (short) 0x7e00),
                        ErrorCode.MODEL_CORRUPT,
                        "'token_embd.weight' (F16) holds NaN, infinity or a magnitude of 2^32 or more at element 0"),
                Arguments.of(
                        "output.weight filled with 0x7F bytes (F16 NaN)",
                        TinyLlama.model().fill("output.weight", (byte) 0x7f),
                        ErrorCode.MODEL_CORRUPT,
                        "'output.weight' (F16) holds NaN, infinity or a magnitude of 2^32 or more at element 0"),
                Arguments.of(
                        "F32 output.weight filled with 0x7F bytes (3.39e38: finite, but logits overflow)",
                        TinyLlama.model().f32Weights().fill("output.weight", (byte) 0x7f),
                        ErrorCode.MODEL_CORRUPT,
                        "'output.weight' (F32) holds NaN, infinity or a magnitude of 2^32 or more at element 0"),
                Arguments.of(
                        "one infinite weight deep inside a matrix",
                        TinyLlama.model().fillHalf("blk.0.ffn_down.weight", (short) 0x7c00),
                        ErrorCode.MODEL_CORRUPT,
                        "'blk.0.ffn_down.weight' (F16) holds NaN, infinity"),
                Arguments.of(
                        "BOS outside the vocabulary",
                        TinyLlama.model().tokenId("bos", 40_000),
                        ErrorCode.MODEL_CORRUPT,
                        "tokenizer.ggml.bos_token_id is 40000, outside the vocabulary of 312 tokens"),
                Arguments.of(
                        "EOS outside the vocabulary",
                        TinyLlama.model().tokenId("eos", 312),
                        ErrorCode.MODEL_CORRUPT,
                        "tokenizer.ggml.eos_token_id is 312"),
                Arguments.of(
                        "UNK outside the vocabulary",
                        TinyLlama.model().tokenId("unknown", 1L << 31),
                        ErrorCode.MODEL_CORRUPT,
                        "tokenizer.ggml.unknown_token_id is 2147483648"),
                Arguments.of(
                        "PAD outside the vocabulary",
                        TinyLlama.model().tokenId("padding", 4_000_000),
                        ErrorCode.MODEL_CORRUPT,
                        "tokenizer.ggml.padding_token_id is 4000000"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("crafted")
    void craftedFilesAreTypedErrors(String what, TinyLlama model, ErrorCode code, String message) throws IOException {
        Path file = model.write(dir.resolve("crafted.gguf"));
        ModelFileException e = assertThrows(ModelFileException.class, () -> check(file), what);
        assertEquals(code, e.code(), e.getMessage());
        assertTrue(e.getMessage().contains(message), e.getMessage());
        assertTrue(e.getMessage().contains(file.toString()), "names the file: " + e.getMessage());
    }

    @Test
    void theUnchangedModelAndItsLoadableVariantsPass() throws IOException {
        // F16 norms and the "none" token id (-1 as uint32) are what llama.cpp accepts and runs.
        TinyLlama[] loadable = {
            TinyLlama.model(),
            TinyLlama.model().f32Weights(),
            TinyLlama.model().tensorType("blk.0.attn_norm.weight", 1).fill("blk.0.attn_norm.weight", (byte) 0),
            TinyLlama.model().tokenId("padding", 0xFFFFFFFFL)
        };
        for (int i = 0; i < loadable.length; i++) {
            assertEquals(
                    64,
                    check(loadable[i].write(dir.resolve("ok" + i + ".gguf"))).length());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"llama-2-tiny-random.gguf", "stories260K.gguf"})
    void theSharedModelsPass(String name) {
        GgufFile header = GgufReader.read(SharedFiles.require("models/" + name));
        assertEquals(64, ModelDigests.sha256(header).length());
    }

    @Test
    void hyperparametersThatDivideByZeroOrDoNotFitAreRefused() throws IOException {
        record Case(String key, long value, String message) {}
        for (Case c : new Case[] {
            new Case("llama.attention.head_count", 0, "between 1 and"),
            new Case("llama.attention.head_count", 3, "does not divide llama.embedding_length 8"),
            new Case("llama.attention.head_count_kv", 0, "between 1 and"),
            new Case("llama.rope.dimension_count", 6, "at most the head size 4"),
            new Case("llama.embedding_length", 0, "between 1 and"),
            new Case("llama.feed_forward_length", 0, "between 1 and"),
            new Case("llama.context_length", 0, "between 1 and"),
            new Case("llama.block_count", 513, "between 1 and 512")
        }) {
            byte[] bytes = TinyLlama.model().build();
            Path file = Files.write(dir.resolve("h.gguf"), patchU32(bytes, c.key(), c.value()));
            ModelFileException e = assertThrows(ModelFileException.class, () -> GgufReader.read(file), c.key());
            assertEquals(ErrorCode.MODEL_CORRUPT, e.code());
            assertTrue(e.getMessage().contains(c.message()), c + ": " + e.getMessage());
        }
    }

    @Test
    void shapesMustMatchTheHyperparameters() throws IOException {
        // The feed-forward matrices are 32 wide; the header now says 16.
        byte[] bytes = patchU32(TinyLlama.model().build(), "llama.feed_forward_length", 16);
        Path file = Files.write(dir.resolve("s.gguf"), bytes);
        ModelFileException e = assertThrows(ModelFileException.class, () -> GgufReader.read(file));
        assertEquals(ErrorCode.MODEL_CORRUPT, e.code());
        assertTrue(e.getMessage().contains("tensor 'blk.0.ffn_gate.weight' has shape [8, 32]"), e.getMessage());
        assertTrue(e.getMessage().contains("require [8, 16]"), e.getMessage());
    }

    /** Overwrites a uint32 metadata value in place (its key is followed by the type id 4 and the value). */
    static byte[] patchU32(byte[] file, String key, long value) {
        byte[] k = key.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        outer:
        for (int i = 0; i + k.length + 8 <= file.length; i++) {
            for (int j = 0; j < k.length; j++) {
                if (file[i + j] != k[j]) {
                    continue outer;
                }
            }
            int at = i + k.length;
            if (file[at] == 4 && file[at + 1] == 0 && file[at + 2] == 0 && file[at + 3] == 0) {
                byte[] out = file.clone();
                java.nio.ByteBuffer.wrap(out, at + 4, 4)
                        .order(java.nio.ByteOrder.LITTLE_ENDIAN)
                        .putInt((int) value);
                return out;
            }
        }
        throw new IllegalArgumentException("no uint32 key " + key);
    }
}
