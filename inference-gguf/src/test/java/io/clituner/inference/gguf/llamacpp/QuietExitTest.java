package io.clituner.inference.gguf.llamacpp;

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
 * In a fresh JVM (first extraction of the libraries included) the engine prints nothing to stdout or stderr, and no
 * thread it starts keeps the JVM alive: the process ends when {@code main} returns.
 */
class QuietExitTest {
    @TempDir
    Path tmp;

    @Test
    void aFreshProcessPrintsNothingAndExitsWhenMainReturns() throws IOException, InterruptedException {
        Path model = SharedModels.require(SharedModels.STORIES);
        ChildJvm.Result r = ChildJvm.of(QuietExitRun.class, model.toString())
                .option("-Dclituner.llamacpp.tmpdir=" + tmp.resolve("natives"))
                .option("-Dorg.slf4j.simpleLogger.defaultLogLevel=info")
                .run(tmp, Duration.ofSeconds(90));
        r.assertExitedSilently("the JVM did not exit after main returned (a thread keeps it alive)");
        try (var dirs = Files.list(tmp.resolve("natives"))) {
            assertTrue(
                    dirs.anyMatch(d -> d.getFileName().toString().startsWith("clituner-llamacpp-")),
                    "libraries extracted under the tmpdir");
        }
    }
}
