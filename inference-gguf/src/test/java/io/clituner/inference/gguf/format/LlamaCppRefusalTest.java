package io.clituner.inference.gguf.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clituner.core.error.ErrorCode;
import io.clituner.core.error.ModelFileException;
import io.clituner.inference.gguf.internal.llamacpp.NativeModel;
import io.clituner.inference.gguf.llamacpp.LlamaCppConfig;
import io.clituner.inference.gguf.llamacpp.LlamaCppEngine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A well-formed GGUF that llama.cpp itself refuses (the Java validation only checks the format) ends in a typed
 * {@link ModelFileException} whose message carries llama.cpp's own reason, and leaves no model loaded.
 */
class LlamaCppRefusalTest {
    @TempDir
    Path dir;

    @Test
    void anUnknownArchitectureIsATypedErrorWithLlamaCppsReason() throws IOException {
        Path file = dir.resolve("unknown-arch.gguf");
        Files.write(
                file,
                new GgufWriter()
                        .string("general.architecture", "no-such-architecture")
                        .string("general.name", "refused")
                        .f32Tensor("token_embd.weight", 4, 2)
                        .build());
        assertEquals("no-such-architecture", GgufReader.read(file).architecture(), "the format itself is valid");
        int before = NativeModel.loadedCount();
        ModelFileException e = assertThrows(
                ModelFileException.class,
                () -> LlamaCppEngine.open(
                        LlamaCppConfig.builder(file).threads(1).build()));
        assertEquals(ErrorCode.MODEL_LOAD_FAILED, e.code());
        assertTrue(e.getMessage().contains("no-such-architecture"), e.getMessage());
        assertEquals(before, NativeModel.loadedCount());
    }
}
