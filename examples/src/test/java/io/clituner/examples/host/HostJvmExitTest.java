package io.clituner.examples.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clituner.core.testing.SharedFiles;
import io.clituner.examples.snippet.FiveLines;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A host JVM that closes its pipeline ends by itself when main returns, also after a GGUF model ran
 * in it (llama.cpp's loop thread is attached as a non-daemon thread and never detached; the binding's
 * reaper shields it). Each host runs in a forked JVM that must exit on its own within the timeout.
 */
class HostJvmExitTest {

    static String runHost(String mainClass, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g",
                "-Dai.djl.offline=true",
                "-Dde.kherud.llama.tmpdir=" + System.getProperty("de.kherud.llama.tmpdir", "target/natives"),
                "-cp",
                System.getProperty("java.class.path"),
                mainClass));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        boolean exited = p.waitFor(90, TimeUnit.SECONDS);
        String output;
        if (!exited) {
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(exited, mainClass + ": the JVM did not exit by itself after main returned; output:\n" + output);
        assertEquals(0, p.exitValue(), output);
        return output;
    }

    @Test
    void aGgufHostExitsWhenMainReturns() throws Exception {
        Path model = SharedFiles.require("models/stories260K.gguf");
        String out =
                runHost(GgufHostMain.class.getName(), model.toAbsolutePath().toString());
        assertTrue(out.contains("main returned"), out);
    }

    @Test
    void theReadmeSnippetExitsWithoutSystemExit() throws Exception {
        String out = runHost(FiveLines.class.getName());
        assertTrue(out.contains("SAFE") || out.contains("REVIEW"), out);
    }
}
