package io.clituner.inference.gguf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a {@code main} class in a fresh JVM on this test class path, for what only a new process shows: the first
 * extraction and load of a native library, what native code writes to the file descriptors, whether the JVM exits by
 * itself, a crash. A child that outlives its limit is killed and reported as not exited.
 */
public final class ChildJvm {
    private final List<String> options = new ArrayList<>();
    private final Class<?> main;
    private final List<String> args;
    private boolean mergeErrors;

    private ChildJvm(Class<?> main, List<String> args) {
        this.main = main;
        this.args = args;
    }

    public static ChildJvm of(Class<?> main, String... args) {
        return new ChildJvm(main, List.of(args));
    }

    /** A JVM option ({@code -Dkey=value}, {@code -Xmx256m}). */
    public ChildJvm option(String jvmOption) {
        options.add(jvmOption);
        return this;
    }

    /** Sends stderr to stdout, in the order the child wrote them. */
    public ChildJvm mergeErrors() {
        this.mergeErrors = true;
        return this;
    }

    /**
     * Runs the child, its output in files under {@code dir}, and waits up to {@code limit}.
     *
     * @return how it ended; {@link Result#exit()} is -1 when it was killed at the limit
     */
    public Result run(Path dir, Duration limit) throws IOException, InterruptedException {
        Path out = Files.createTempFile(dir, "child", ".out");
        Path err = Files.createTempFile(dir, "child", ".err");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(options);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), main.getName()));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile());
        if (mergeErrors) {
            builder.redirectErrorStream(true);
        } else {
            builder.redirectError(err.toFile());
        }
        Process p = builder.start();
        boolean exited = p.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS);
        if (!exited) {
            p.destroyForcibly().waitFor();
        }
        return new Result(exited, exited ? p.exitValue() : -1, out, err);
    }

    /** How a child ended and where its output is. */
    public record Result(boolean exited, int exit, Path outFile, Path errFile) {
        /** Stdout (with stderr when merged), as UTF-8. */
        public String out() throws IOException {
            return Files.readString(outFile, StandardCharsets.UTF_8);
        }

        /** Stderr (empty when merged), as UTF-8. */
        public String err() throws IOException {
            return Files.readString(errFile, StandardCharsets.UTF_8);
        }

        public List<String> outLines(Charset charset) throws IOException {
            return Files.readAllLines(outFile, charset);
        }

        /** Asserts that the child ended by itself with status 0 and wrote nothing to stdout or stderr. */
        public void assertExitedSilently(String ifItDidNotExit) throws IOException {
            assertTrue(exited, ifItDidNotExit);
            assertEquals(0, exit, err());
            assertEquals("", out(), "stdout");
            assertEquals("", err(), "stderr");
        }
    }
}
