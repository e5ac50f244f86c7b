package io.clituner.inference.gguf.probe;

import io.clituner.core.NormalizedRequest;
import io.clituner.core.SafetyLevel;
import io.clituner.core.engine.ChatMessage;
import io.clituner.core.engine.Prompt;
import io.clituner.core.error.CliTunerException;
import io.clituner.core.error.ErrorCode;
import io.clituner.core.error.ModelFileException;
import io.clituner.inference.gguf.GgufEngine;
import io.clituner.inference.gguf.GgufEngineConfig;
import io.clituner.inference.gguf.format.GgufReader;
import io.clituner.inference.gguf.format.ModelDigests;
import io.clituner.inference.gguf.internal.binding.NativeLibrary;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Opt-in, for model files from untrusted sources: loads the model and generates a few tokens with
 * the grammar on in a <em>separate JVM</em> first, so that a file which still reaches a native
 * bug in llama.cpp kills that process, not the host. The Java validation ({@link GgufReader},
 * {@link ModelDigests}) runs in-process first; a file that passed the probe is remembered by its
 * digest for the life of the process.
 *
 * <pre>{@code
 * ModelProbe.check(untrustedModel);                 // throws ModelFileException if it is unsafe
 * GgufEngine engine = GgufEngine.open(GgufEngineConfig.builder(untrustedModel).build());
 * }</pre>
 *
 * Costs one JVM start plus one model load (about a second for a small model, more for a large
 * one). The child runs {@code java -cp <this JVM's java.class.path>}: in a deployment whose
 * classes are not on that class path (a nested fat jar) give the class path explicitly.
 */
public final class ModelProbe {
    private static final String OK = "PROBE OK";
    private static final String TYPED = "PROBE TYPED ";
    private static final Set<String> PASSED = ConcurrentHashMap.newKeySet();
    /** Probe processes started (for tests). */
    static final AtomicInteger STARTED = new AtomicInteger();

    private ModelProbe() {}

    /** {@link #check(Path, String, Duration)} with this JVM's class path and a two-minute limit. */
    public static void check(Path model) {
        check(model, System.getProperty("java.class.path"), Duration.ofMinutes(2));
    }

    /**
     * @throws ModelFileException the file fails Java validation, llama.cpp refuses it, or the probe process
     *                            died or did not finish (MODEL_LOAD_FAILED)
     */
    public static void check(Path model, String classPath, Duration timeout) {
        check(model, classPath, timeout, ModelProbe.class.getName());
    }

    static void check(Path model, String classPath, Duration timeout, String childMain) {
        String digest = ModelDigests.sha256(GgufReader.read(model));
        if (PASSED.contains(digest)) {
            return;
        }
        Path out;
        try {
            out = Files.createTempFile("clituner-probe", ".out");
        } catch (IOException e) {
            throw new ModelFileException(
                    ErrorCode.MODEL_LOAD_FAILED, "cannot start the model probe: " + e.getMessage(), e);
        }
        try {
            List<String> cmd = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m", "-cp", classPath));
            for (String p : List.of(NativeLibrary.TMPDIR_PROPERTY, NativeLibrary.LIB_PATH_PROPERTY)) {
                if (System.getProperty(p) != null) {
                    cmd.add("-D" + p + "=" + System.getProperty(p));
                }
            }
            cmd.addAll(List.of(childMain, model.toAbsolutePath().toString()));
            STARTED.incrementAndGet();
            Process p = new ProcessBuilder(cmd)
                    .redirectErrorStream(true)
                    .redirectOutput(out.toFile())
                    .start();
            boolean finished = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!finished) {
                p.destroyForcibly().waitFor();
            }
            List<String> lines = Files.readAllLines(out, StandardCharsets.ISO_8859_1);
            String last = lines.stream()
                    .filter(l -> l.startsWith("PROBE "))
                    .reduce((a, b) -> b)
                    .orElse("");
            if (finished && p.exitValue() == 0 && last.equals(OK)) {
                PASSED.add(digest);
                return;
            }
            if (finished && p.exitValue() == 0 && last.startsWith(TYPED)) {
                String[] w = last.substring(TYPED.length()).split(" ", 2);
                throw new ModelFileException(codeOf(w[0]), "probe process: " + (w.length > 1 ? w[1] : w[0]));
            }
            String tail = String.join("\n", lines.subList(Math.max(0, lines.size() - 5), lines.size()));
            throw new ModelFileException(
                    ErrorCode.MODEL_LOAD_FAILED,
                    (finished
                                    ? "llama.cpp killed the probe process (exit " + p.exitValue()
                                            + describe(p.exitValue()) + ")"
                                    : "the probe process did not finish within " + timeout.toSeconds() + " s")
                            + " while loading and running " + model
                            + ": the file would take this process down; do not load it."
                            + (tail.isBlank() ? "" : " Its last output: " + tail));
        } catch (IOException e) {
            throw new ModelFileException(
                    ErrorCode.MODEL_LOAD_FAILED, "cannot run the model probe: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ModelFileException(ErrorCode.MODEL_LOAD_FAILED, "interrupted while probing " + model, e);
        } finally {
            try {
                Files.deleteIfExists(out);
            } catch (IOException e) {
                // a temp file left behind is harmless
            }
        }
    }

    private static ErrorCode codeOf(String name) {
        try {
            return ErrorCode.valueOf(name);
        } catch (IllegalArgumentException e) {
            return ErrorCode.MODEL_LOAD_FAILED;
        }
    }

    private static String describe(int exit) {
        return switch (exit) {
            case 134 -> ", SIGABRT";
            case 136 -> ", SIGFPE";
            case 139 -> ", SIGSEGV";
            default -> "";
        };
    }

    /** The probe process: open, generate a few tokens with the grammar on, report, exit. */
    public static void main(String[] args) {
        String result;
        try (GgufEngine engine = GgufEngine.open(GgufEngineConfig.builder(Path.of(args[0]))
                .contextSize(64)
                .threads(1)
                .maxTokens(4)
                .grammar(true)
                .build())) {
            try {
                engine.generate(
                        new Prompt(List.of(ChatMessage.user("ls")), List.of()),
                        NormalizedRequest.of("list files", SafetyLevel.STRICT));
            } catch (CliTunerException e) {
                // ended typed (no suggestion within 4 tokens, say): the model ran
            }
            result = OK;
        } catch (CliTunerException e) {
            result = TYPED + e.code() + " " + String.valueOf(e.getMessage()).replace('\n', ' ');
        }
        System.out.println(result);
        System.out.flush();
        // The binding leaves a native thread attached: without an explicit exit the JVM never ends.
        System.exit(0);
    }
}
