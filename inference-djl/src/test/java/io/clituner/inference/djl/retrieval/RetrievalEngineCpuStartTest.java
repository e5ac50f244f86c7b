package io.clituner.inference.djl.retrieval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.util.Platform;
import io.clituner.inference.djl.DjlRuntime;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With CPU-only PyTorch natives (the shipped {@code pytorch-native-cpu}), starting the retrieval
 * engine and answering queries must never load PyTorch (libtorch: ~430 MB extracted, ~0.45 s per
 * start): OnnxRuntime embeds, the JAVA backend searches. Checked in a fresh JVM, whose class-load log
 * shows every DJL PyTorch class the moment it loads.
 */
class RetrievalEngineCpuStartTest {
    /** Loaded when DJL starts PyTorch (PtEngine.newInstance calls LibUtils.loadLibrary). */
    private static final List<String> PYTORCH_START = List.of(
            "ai.djl.pytorch.engine.PtEngine", "ai.djl.pytorch.jni.LibUtils", "ai.djl.pytorch.jni.PyTorchLibrary");

    private static final String PHASE_TWO = CpuStartChild.PhaseTwo.class.getName();

    @Test
    void startAndQueriesOnTheCpuNeverLoadPyTorch(@TempDir Path tmp) throws Exception {
        String flavor = Platform.detectPlatform("pytorch").getFlavor();
        assumeTrue(flavor.startsWith("cpu"), "PyTorch natives on the class path are " + flavor + ", not a CPU build");

        Path classLog = tmp.resolve("classes.log");
        Path output = tmp.resolve("out.txt");
        Process p = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xlog:class+load=info:file=" + classLog,
                        "-Dai.djl.offline=true",
                        "-DDJL_CACHE_DIR=" + DjlRuntime.cacheDir(),
                        "-Dorg.slf4j.simpleLogger.defaultLogLevel=error",
                        "-cp",
                        System.getProperty("java.class.path"),
                        CpuStartChild.class.getName())
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();
        p.getOutputStream().close();
        boolean done = p.waitFor(120, TimeUnit.SECONDS);
        if (!done) {
            p.destroyForcibly();
        }
        String out = Files.readString(output, StandardCharsets.UTF_8);
        assertTrue(done, "child JVM did not finish: " + out);
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.contains("engine=retrieval\n") && out.contains("backend=JAVA\n"), out);
        assertTrue(out.contains("answer=find . -type f -name '*.pdf'\n") && out.contains("fewShot=3\n"), out);
        assertTrue(
                out.contains("changedProperties=[]\n") && out.contains("hostDefaults=false\n"),
                "by default the library sets no DJL/OnnxRuntime system property: " + out);

        List<String> loaded = loadedClasses(classLog);
        int phaseTwo = loaded.indexOf(PHASE_TWO);
        assertTrue(phaseTwo > 0, "child did not reach phase two: " + out);
        for (String cls : PYTORCH_START) {
            int at = loaded.indexOf(cls);
            // The control: phase two starts PyTorch, so the log must show it there.
            assertTrue(
                    at > phaseTwo,
                    cls + " loaded at " + at + ", phase two starts at " + phaseTwo
                            + " (before: engine start or queries loaded PyTorch; absent: the log does not show PyTorch loads)");
        }
    }

    /** Class names in load order from a {@code -Xlog:class+load} file ({@code [..][info][class,load] NAME source: ...}). */
    private static List<String> loadedClasses(Path log) throws IOException {
        List<String> names = new ArrayList<>();
        for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
            int start = line.indexOf("[class,load] ");
            if (start < 0) {
                continue;
            }
            start += "[class,load] ".length();
            int end = line.indexOf(' ', start);
            names.add(end < 0 ? line.substring(start) : line.substring(start, end));
        }
        return names;
    }
}
