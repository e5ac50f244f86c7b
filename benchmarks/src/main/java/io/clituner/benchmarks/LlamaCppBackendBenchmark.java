package io.clituner.benchmarks;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.DoubleByReference;
import de.kherud.llama.InferenceParameters;
import de.kherud.llama.LlamaIterator;
import de.kherud.llama.LlamaModel;
import de.kherud.llama.ModelParameters;
import io.clituner.inference.gguf.format.GgmlType;
import io.clituner.inference.gguf.format.ModelDigests;
import io.clituner.inference.gguf.format.RandomWeightsModel;
import io.clituner.inference.gguf.generation.Sampling;
import io.clituner.inference.gguf.internal.decode.Completion;
import io.clituner.inference.gguf.internal.decode.DecodeRequest;
import io.clituner.inference.gguf.internal.decode.DecodeSession;
import io.clituner.inference.gguf.internal.decode.TextStop;
import io.clituner.inference.gguf.internal.llamacpp.LlamaContextParams;
import io.clituner.inference.gguf.internal.llamacpp.LlamaRuntime;
import io.clituner.inference.gguf.internal.llamacpp.NativeModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The default GGUF engine's decode loop (Java through JNA on llama.cpp v0.5.0) against the same loop in C on the very
 * same libraries and loaded weights ({@code benchmarks/native/native_loop.c}, built by {@code native/build.sh}) and
 * against de.kherud:llama 4.2.0 (llama.cpp b4916): same model, same threads, greedy, no prompt cache.
 *
 * <ul>
 *   <li>{@code prompt*}: evaluate a {@value #PROMPT_TOKENS}-token prompt and sample one token; aux counter
 *       {@code promptTokens} is prompt processing in tokens/s.</li>
 *   <li>{@code generate*}: an 8-token prompt, then {@value #NEW_TOKENS} greedy tokens, each with its log-probability
 *       (Java and C; de.kherud cannot); aux counter {@code tokens} is generation in tokens/s.</li>
 * </ul>
 * {@code interleaved} runs one operation of each loop in turn ({@code phase} = prompt or generate) and charges each
 * with the process CPU time it used, so the three are compared under the same machine load (a shared machine's
 * wall-clock rates swing by 2× between iterations); it prints tokens per CPU-second and the ratios at the end of
 * every iteration. One thread: llama.cpp computes on the calling thread (de.kherud on its server thread), nothing
 * else in the process runs during an operation but JIT and GC.
 *
 * <p>Model {@code realistic}: a random-weight Llama of realistic shape (1024 × 16 layers, Q4_K, 32,000 tokens) written
 * once to {@code benchmarks/target/models/}; {@code tiny}: the shared llama-2-tiny-random.gguf.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Benchmark)
public class LlamaCppBackendBenchmark {
    static final int PROMPT_TOKENS = 256;
    static final int NEW_TOKENS = 32;

    @Param({"realistic"})
    public String model;

    @Param({"1"})
    public int threads;

    @Param({"off"})
    public String flash;

    /** Layers offloaded to a GPU (Java and C loops; de.kherud's bundled build is CPU-only). */
    @Param({"0"})
    public int gpuLayers;

    /** A directory of llama.cpp libraries (e.g. the CUDA package, see gpu-tokens-per-second.sh), or "" for the bundled CPU build. */
    @Param({""})
    public String nativeLibPath;

    /** Whether to run de.kherud (off for GPU runs, where it has no GPU build). */
    @Param({"true"})
    public boolean withKherud;

    private NativeModel weights;
    private DecodeSession session;
    private Pointer cSession;
    private @Nullable LlamaModel kherud;
    private int[] longPrompt;
    private int[] shortPrompt;
    private String longText;
    private String shortText;
    private int kherudPromptTokens;

    /** The C loop: nl_open / nl_run / nl_close of native_loop.c. */
    static final class NativeLoop {
        static native Pointer nl_open(Pointer model, int nCtx, int threads, int chunk, int flash);

        static native int nl_run(Pointer session, int[] prompt, int nPrompt, int maxNew, DoubleByReference logProbSum);

        static native void nl_close(Pointer session);
    }

    @AuxCounters(AuxCounters.Type.OPERATIONS)
    @State(Scope.Thread)
    public static class Counters {
        public long tokens;
        public long promptTokens;

        @Setup(Level.Iteration)
        public void reset() {
            tokens = 0;
            promptTokens = 0;
        }
    }

    static Path modelFile(String which) throws IOException {
        if (which.equals("tiny")) {
            return GgufFixtures.tinyModel();
        }
        Path p = Path.of("benchmarks", "target", "models", "random-llama-1024x16-q4k.gguf");
        if (!Files.isRegularFile(p)) {
            RandomWeightsModel.write(
                    p, new RandomWeightsModel.Shape("llama", 32000, 1024, 16, 16, 16, 2816, 2048, GgmlType.Q4_K), 1);
        }
        return p;
    }

    @Setup(Level.Trial)
    public void open() throws IOException {
        Path file = modelFile(model);
        LlamaRuntime.Loaded runtime =
                LlamaRuntime.ensureLoaded(nativeLibPath.isBlank() ? null : Path.of(nativeLibPath));
        System.out.println("llama.cpp " + runtime.llamaCppRelease() + " from " + runtime.directory() + ", devices "
                + runtime.devices());
        weights = NativeModel.acquire(file, new NativeModel.Key(ModelDigests.sha256(file), gpuLayers));
        int fa = flash.equals("on") ? LlamaContextParams.FLASH_ATTN_ENABLED : LlamaContextParams.FLASH_ATTN_DISABLED;
        session = new DecodeSession(weights, 1024, threads, PROMPT_TOKENS, fa, false);
        StringBuilder text = new StringBuilder();
        for (int i = 0; text.length() < 4 * PROMPT_TOKENS; i++) {
            text.append(GgufFixtures.QUERIES.get(i % GgufFixtures.QUERIES.size()))
                    .append(". ");
        }
        int[] all = session.tokenize(text.toString(), true);
        longPrompt = java.util.Arrays.copyOf(all, PROMPT_TOKENS);
        shortPrompt = java.util.Arrays.copyOf(all, 8);
        longText = detokenized(text.toString(), PROMPT_TOKENS);
        shortText = detokenized(text.toString(), 8);

        Path lib = Path.of("benchmarks", "target", "native", "libnative_loop.so");
        if (!Files.isRegularFile(lib)) {
            throw new IllegalStateException(lib + " is absent: run benchmarks/native/build.sh first");
        }
        // RTLD_LOCAL, as LlamaRuntime loads llama.cpp: a global libllama would capture de.kherud's copy of the symbols.
        Native.register(
                NativeLoop.class,
                NativeLibrary.getInstance(
                        lib.toAbsolutePath().toString(), java.util.Map.of(com.sun.jna.Library.OPTION_OPEN_FLAGS, 1)));
        cSession = NativeLoop.nl_open(weights.handle(), 1024, threads, PROMPT_TOKENS, fa);

        if (!withKherud) {
            return;
        }
        io.clituner.inference.gguf.internal.binding.NativeLibrary.ensureLoaded(null);
        ModelParameters mp = new ModelParameters()
                .setModel(file.toAbsolutePath().toString())
                .setCtxSize(1024)
                .setThreads(threads)
                .setThreadsBatch(threads)
                .setParallel(1)
                .setBatchSize(PROMPT_TOKENS)
                .setUbatchSize(PROMPT_TOKENS)
                .disableLog();
        if (fa == LlamaContextParams.FLASH_ATTN_ENABLED) {
            mp.enableFlashAttn();
        }
        kherud = new LlamaModel(mp);
        // The same text, tokenized by b4916 (its tokenizers differ slightly): counted with its own token count.
        kherudPromptTokens = kherud.encode(longText).length;
        System.out.println("prompt tokens: java/C " + PROMPT_TOKENS + ", de.kherud " + kherudPromptTokens);
    }

    /** The text whose tokens start the given prefix of {@code text}, for the binding that takes text. */
    private String detokenized(String text, int tokens) {
        // Word boundaries map to whole tokens in this byte-level vocabulary: grow until the token count is reached.
        int end = 0;
        while (end < text.length() && session.tokenize(text.substring(0, end), true).length < tokens) {
            end++;
        }
        return text.substring(0, end);
    }

    private int java(int[] prompt, int newTokens) {
        Completion c = session.generate(
                new DecodeRequest(prompt, newTokens, Sampling.greedy(), List.of(), TextStop.NEVER, true),
                null,
                () -> false);
        return c.tokens().length;
    }

    private int c(int[] prompt, int newTokens) {
        int n = NativeLoop.nl_run(cSession, prompt, prompt.length, newTokens, new DoubleByReference());
        if (n < 0) {
            throw new IllegalStateException("native loop failed");
        }
        return n;
    }

    private int kherud(String prompt, int newTokens) {
        if (kherud == null) {
            throw new IllegalStateException("de.kherud is off (withKherud=false)");
        }
        InferenceParameters p = new InferenceParameters(prompt)
                .setTemperature(0f)
                .setSeed(42)
                .setCachePrompt(false)
                .setNPredict(newTokens)
                .setIgnoreEos(true);
        int results = 0;
        LlamaIterator it = kherud.generate(p).iterator();
        while (it.hasNext()) {
            it.next();
            results++;
        }
        return Math.max(0, results - 1);
    }

    @Benchmark
    public int promptJava(Counters c) {
        c.promptTokens += PROMPT_TOKENS;
        return java(longPrompt, 1);
    }

    @Benchmark
    public int promptC(Counters c) {
        c.promptTokens += PROMPT_TOKENS;
        return c(longPrompt, 1);
    }

    @Benchmark
    public int promptKherud(Counters c) {
        c.promptTokens += kherudPromptTokens;
        return kherud(longText, 1);
    }

    @Benchmark
    public int generateJava(Counters c) {
        int n = java(shortPrompt, NEW_TOKENS);
        c.tokens += n;
        return n;
    }

    @Benchmark
    public int generateC(Counters c) {
        int n = c(shortPrompt, NEW_TOKENS);
        c.tokens += n;
        return n;
    }

    @Benchmark
    public int generateKherud(Counters c) {
        int n = kherud(shortText, NEW_TOKENS);
        c.tokens += n;
        return n;
    }

    @Param({"generate"})
    public String phase;

    private final long[] cpuNanos = new long[3];
    private int rotation;
    private final long[] counted = new long[3];
    private static final com.sun.management.OperatingSystemMXBean OS = (com.sun.management.OperatingSystemMXBean)
            java.lang.management.ManagementFactory.getOperatingSystemMXBean();

    @Benchmark
    public int interleaved() {
        boolean prompt = phase.equals("prompt");
        int total = 0;
        int loops = kherud == null ? 2 : 3;
        int first = rotation++ % loops; // rotate the order, so no loop always runs right after another
        for (int k = 0; k < loops; k++) {
            int which = (first + k) % loops;
            long t = OS.getProcessCpuTime();
            int n;
            if (prompt) {
                switch (which) {
                    case 0 -> java(longPrompt, 1);
                    case 1 -> c(longPrompt, 1);
                    default -> kherud(longText, 1);
                }
                n = which == 2 ? kherudPromptTokens : PROMPT_TOKENS;
            } else {
                n = switch (which) {
                    case 0 -> java(shortPrompt, NEW_TOKENS);
                    case 1 -> c(shortPrompt, NEW_TOKENS);
                    default -> kherud(shortText, NEW_TOKENS);
                };
            }
            cpuNanos[which] += OS.getProcessCpuTime() - t;
            counted[which] += n;
            total += n;
        }
        return total;
    }

    @TearDown(Level.Iteration)
    public void reportCpuTime() {
        if (counted[0] == 0) {
            return;
        }
        double[] rate = new double[3];
        for (int i = 0; i < 3; i++) {
            rate[i] = cpuNanos[i] == 0 ? 0 : counted[i] * 1e9 / cpuNanos[i];
        }
        System.out.printf(
                "%n  %s tokens per CPU-second: java %.1f, C %.1f, de.kherud %.1f; java/C %.3f, java/de.kherud %.3f%n",
                phase, rate[0], rate[1], rate[2], rate[0] / rate[1], rate[2] == 0 ? Double.NaN : rate[0] / rate[2]);
        java.util.Arrays.fill(cpuNanos, 0);
        java.util.Arrays.fill(counted, 0);
    }

    @TearDown(Level.Trial)
    public void close() {
        NativeLoop.nl_close(cSession);
        session.close();
        weights.release();
        if (kherud != null) {
            kherud.close();
        }
    }
}
