package io.clituner.library;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clituner.core.CommandResponse;
import io.clituner.core.engine.EngineSettings;
import io.clituner.core.pipeline.Pipeline;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What a host gets from depending on {@code io.clituner:clituner}: this module's test class path is exactly
 * that (its dependencies plus JUnit). The README's five-line snippet runs on it, and it holds no logging
 * backend, no CLI and no PyTorch natives.
 */
class HostClasspathTest {
    private static final Path ROOT = Path.of(System.getProperty("user.dir")).getParent();
    private static final ClassLoader LOADER = HostClasspathTest.class.getClassLoader();

    /** The README's snippet, verbatim between the markers (checked below). */
    static void fiveLines() {
        // snippet:start
        try (Pipeline pipeline =
                Pipeline.builder().engine(EngineSettings.defaults()).build()) {
            CommandResponse response = pipeline.translate("list all pdf files modified this week");
            System.out.println(response.command());
            System.out.println(response.risk() + ", confidence " + response.confidence());
        }
        // snippet:end
    }

    @Test
    void theReadmeSnippetRunsOnTheLibraryAlone() {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            fiveLines();
        } finally {
            System.setOut(original);
        }
        List<String> lines =
                captured.toString(StandardCharsets.UTF_8).strip().lines().toList();
        assertEquals(2, lines.size(), lines.toString());
        assertTrue(
                lines.get(0).startsWith("find ")
                        && lines.get(0).contains("*.pdf")
                        && lines.get(0).contains("-mtime -7"),
                lines.toString());
        assertTrue(lines.get(1).matches("SAFE, confidence 0\\.\\d+"), lines.toString());
    }

    @Test
    void theReadmeShowsThisSnippetAndThisArtifact() throws IOException {
        String source =
                Files.readString(ROOT.resolve("library/src/test/java/io/clituner/library/HostClasspathTest.java"));
        String readme = Files.readString(ROOT.resolve("README.md"));
        String code = source.substring(source.indexOf("// snippet:start"), source.indexOf("// snippet:end"));
        // the formatter may wrap a long line after "="; the README shows it as one line
        List<String> lines = code.replaceAll("=\\s*\\n\\s*", "= ")
                .lines()
                .skip(1)
                .map(String::strip)
                .filter(l -> !l.isEmpty())
                .toList();
        assertEquals(5, lines.size(), code);
        lines.forEach(line -> assertTrue(readme.contains(line), "README lacks snippet line: " + line));
        assertTrue(
                readme.contains("<artifactId>clituner</artifactId>"),
                "README's dependency snippet names io.clituner:clituner");
    }

    @Test
    void noSlf4jProviderIsOnTheClassPath() throws IOException {
        // SLF4J 2 finds providers by ServiceLoader, SLF4J 1.x by a static binder class: neither may come with the
        // library.
        assertEquals(
                List.of(),
                Collections.list(LOADER.getResources("META-INF/services/org.slf4j.spi.SLF4JServiceProvider")));
        assertNull(LOADER.getResource("org/slf4j/impl/StaticLoggerBinder.class"));
        assertNotLoadable("org.slf4j.simple.SimpleLogger");
        assertNotLoadable("org.slf4j.nop.NOPLogger");
        assertNotLoadable("ch.qos.logback.classic.Logger");
        assertNotLoadable("org.apache.logging.slf4j.SLF4JServiceProvider");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "picocli.CommandLine",
                "io.clituner.examples.cli.CliTunerApp",
                "io.clituner.examples.snippet.FiveLines",
                "io.clituner.benchmarks.eval.Evaluator",
                "org.openjdk.jmh.annotations.Benchmark"
            })
    void noCliOrBenchmarkClassIsOnTheClassPath(String className) {
        assertNotLoadable(className);
    }

    @Test
    void pyTorchNativesAreNotDraggedIn() {
        // optional in inference-djl: the CPU default engine never loads them (110 MB)
        assertNull(LOADER.getResource("native/lib/pytorch.properties"));
    }

    @Test
    void theClassPathJarsSayTheSame() {
        String path = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> jars = Stream.of(path.split(java.io.File.pathSeparator))
                .map(p -> Path.of(p).getFileName().toString())
                .toList();
        assertFalse(jars.isEmpty());
        for (String jar : jars) {
            assertFalse(
                    jar.matches("(slf4j-(simple|nop|reload4j|jdk14|log4j12)|logback-classic|log4j-slf4j2?-impl|picocli"
                            + "|clituner-examples|clituner-benchmarks|pytorch-native-.*)-.*\\.jar"),
                    jar);
        }
    }

    private static void assertNotLoadable(String className) {
        URL found = LOADER.getResource(className.replace('.', '/') + ".class");
        assertNull(found, className + " is on the class path: " + found);
    }
}
