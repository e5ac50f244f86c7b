package io.clituner.inference.gguf.llamacpp;

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
 * In a fresh JVM (first extraction of the libraries included) the engine prints nothing to stdout or stderr, and no
 * thread it starts keeps the JVM alive: the process ends when {@code main} returns.
 */
class QuietExitTest {
    @TempDir
    Path tmp;

    @Test
    void aFreshProcessPrintsNothingAndExitsWhenMainReturns() throws IOException, InterruptedException {
        Path model = SharedModels.require(SharedModels.STORIES);
        Path out = tmp.resolve("out.txt");
        Path err = tmp.resolve("err.txt");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
                "-Dclituner.llamacpp.tmpdir=" + tmp.resolve("natives"),
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=info",
                QuietExitRun.class.getName(), model.toString()))
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        boolean exited = p.waitFor(90, TimeUnit.SECONDS);
        if (!exited) {
            p.destroyForcibly();
        }
        assertTrue(exited, "the JVM did not exit after main returned (a thread keeps it alive)");
        assertEquals(0, p.exitValue(), Files.readString(err));
        assertEquals("", Files.readString(out, StandardCharsets.UTF_8), "stdout");
        assertEquals("", Files.readString(err, StandardCharsets.UTF_8), "stderr");
        try (var dirs = Files.list(tmp.resolve("natives"))) {
            assertTrue(dirs.anyMatch(d -> d.getFileName().toString().startsWith("clituner-llamacpp-")), "libraries extracted under the tmpdir");
        }
    }
}
