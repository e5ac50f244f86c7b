package io.clituner.inference.gguf.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clituner.core.error.ErrorCode;
import io.clituner.core.error.ModelFileException;
import io.clituner.inference.gguf.format.TinyLlama;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The opt-in out-of-process probe: a sound file passes once, an invalid one fails in Java, a native abort is reported typed. */
class ModelProbeTest {
    @TempDir
    Path dir;

    @Test
    void aSoundModelPassesAndIsRemembered() throws IOException {
        Path model = TinyLlama.model().write(dir.resolve("ok.gguf"));
        int before = ModelProbe.STARTED.get();
        ModelProbe.check(model);
        ModelProbe.check(model);
        assertEquals(before + 1, ModelProbe.STARTED.get(), "a file that passed is not probed again");
    }

    @Test
    void anInvalidFileFailsInJavaWithoutAProbeProcess() throws IOException {
        Path model = TinyLlama.model().rmsEpsilon(Float.NaN).write(dir.resolve("nan.gguf"));
        int before = ModelProbe.STARTED.get();
        assertEquals(
                ErrorCode.MODEL_CORRUPT,
                assertThrows(ModelFileException.class, () -> ModelProbe.check(model))
                        .code());
        assertEquals(before, ModelProbe.STARTED.get());
    }

    @Test
    void aNativeAbortInTheProbeIsATypedErrorHere() throws IOException {
        Path model = TinyLlama.model().f32Weights().write(dir.resolve("aborts.gguf"));
        ModelFileException e = assertThrows(
                ModelFileException.class,
                () -> ModelProbe.check(
                        model,
                        System.getProperty("java.class.path"),
                        Duration.ofMinutes(2),
                        AbortingProbeMain.class.getName()));
        assertEquals(ErrorCode.MODEL_LOAD_FAILED, e.code());
        assertTrue(e.getMessage().contains("killed the probe process (exit 134, SIGABRT)"), e.getMessage());
        assertTrue(e.getMessage().contains("do not load it"), e.getMessage());
    }
}
