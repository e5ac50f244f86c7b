package io.clituner.inference.gguf.internal.binding;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clituner.inference.gguf.ChildJvm;
import io.clituner.inference.gguf.SharedModels;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nothing may reach stdout or stderr: not the binding's "Extracted …" line, not llama.cpp's
 * loading chatter, not its per-request logs. Checked in a fresh JVM, where the library is
 * extracted for the first time, because native code writes to the file descriptors directly.
 */
class QuietnessTest {
    @TempDir
    Path tmp;

    @Test
    void aFreshProcessPrintsNothing() throws IOException, InterruptedException {
        Path model = SharedModels.require(SharedModels.TINY_RANDOM);
        ChildJvm.Result r = ChildJvm.of(QuietRun.class, model.toString())
                .option("-Dde.kherud.llama.tmpdir=" + tmp.resolve("natives"))
                .option("-Dorg.slf4j.simpleLogger.defaultLogLevel=info")
                .run(tmp, Duration.ofSeconds(90));
        r.assertExitedSilently("child JVM did not exit");
        try (var files = Files.list(tmp.resolve("natives"))) {
            assertTrue(
                    files.anyMatch(d -> d.getFileName().toString().startsWith("clituner-jllama-")
                            && Files.isRegularFile(d.resolve(System.mapLibraryName("jllama")))),
                    "library extracted under the tmpdir");
        }
    }
}
