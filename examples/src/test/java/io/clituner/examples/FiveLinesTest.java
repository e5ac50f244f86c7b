package io.clituner.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The README's snippet is the code in FiveLines.java, and it runs end to end in a fresh JVM. */
class FiveLinesTest {
    private static final Path ROOT = Path.of(System.getProperty("user.dir")).getParent();

    private static String snippet(String text) {
        int start = text.indexOf("// snippet:start");
        int end = text.indexOf("// snippet:end");
        // the formatter may wrap a long line after "="; the README shows it as one line
        return text.substring(text.indexOf('\n', start) + 1, end)
                .replaceAll("=\\s*\\n\\s*", "= ")
                .lines()
                .map(String::strip)
                .filter(l -> !l.isEmpty())
                .reduce("", (a, b) -> a + b + "\n");
    }

    @Test
    void readmeShowsTheCompiledSnippet() throws IOException {
        String source =
                Files.readString(ROOT.resolve("examples/src/main/java/io/clituner/examples/snippet/FiveLines.java"));
        String readme = Files.readString(ROOT.resolve("README.md"));
        String code = snippet(source);
        assertEquals(5, code.lines().count(), code);
        for (String line : code.lines().toList()) {
            assertTrue(readme.contains(line), "README lacks snippet line: " + line);
        }
    }

    @Test
    void snippetRunsOnTheEmbeddedDefaultEngine() throws Exception {
        Process p = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Dai.djl.offline=true",
                        "-cp",
                        System.getProperty("java.class.path"),
                        "io.clituner.examples.snippet.FiveLines")
                .redirectErrorStream(false)
                .start();
        p.getOutputStream().close();
        boolean done = p.waitFor(120, TimeUnit.SECONDS);
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(done, "snippet did not finish");
        assertEquals(0, p.exitValue(), "stdout: " + out + "\nstderr: " + err);
        java.util.List<String> lines = out.strip().lines().toList();
        assertEquals(2, lines.size(), out);
        assertTrue(
                lines.get(0).startsWith("find ")
                        && lines.get(0).contains("*.pdf")
                        && lines.get(0).contains("-mtime -7"),
                out);
        assertTrue(lines.get(1).matches("SAFE, confidence 0\\.\\d+"), out);
    }
}
