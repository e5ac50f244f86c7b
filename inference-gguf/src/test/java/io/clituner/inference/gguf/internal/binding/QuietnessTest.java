package io.clituner.inference.gguf.internal.binding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clituner.inference.gguf.SharedModels;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
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
        Path out = tmp.resolve("out.txt");
        Path err = tmp.resolve("err.txt");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
                "-Dde.kherud.llama.tmpdir=" + tmp.resolve("natives"),
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=info",
                QuietRun.class.getName(), model.toString()))
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertTrue(p.waitFor(90, TimeUnit.SECONDS), "child JVM did not exit");
        assertEquals(0, p.exitValue(), Files.readString(err));
        assertEquals("", Files.readString(out, StandardCharsets.UTF_8), "stdout");
        assertEquals("", Files.readString(err, StandardCharsets.UTF_8), "stderr");
        try (var files = Files.list(tmp.resolve("natives"))) {
            assertTrue(files.anyMatch(d -> d.getFileName().toString().startsWith("clituner-jllama-")
                    && Files.isRegularFile(d.resolve(System.mapLibraryName("jllama")))), "library extracted under the tmpdir");
        }
    }
}
