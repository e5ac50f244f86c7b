package io.clituner.benchmarks;

import io.clituner.core.NormalizedRequest;
import io.clituner.core.SafetyLevel;
import io.clituner.core.engine.Prompt;
import io.clituner.core.prompt.PromptBuilder;
import io.clituner.inference.gguf.internal.llamacpp.NativeModel;
import io.clituner.inference.gguf.llamacpp.LlamaCppConfig;
import io.clituner.inference.gguf.llamacpp.LlamaCppEngine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Does the default GGUF engine leak native memory? One operation = {@code cycles} full lifecycles (open the engine,
 * which loads the model because no other engine holds it, generate once, close, which frees context and weights),
 * after {@value #WARM_CYCLES} warm-up cycles. It prints the process's resident set (/proc/self/status VmRSS) before
 * and after each operation; target: under 5 MiB growth for 200 cycles. The heap is fixed and pre-touched so that
 * heap growth does not count. Measured on 1,500 cycles, RSS rises for the first ~500 (JIT code, class metadata,
 * the allocator's arenas reaching their working size) and is flat afterwards, hence the long warm-up.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@State(Scope.Benchmark)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xms256m", "-Xmx256m", "-XX:+AlwaysPreTouch"})
public class NativeLifecycleBenchmark {
    static final int WARM_CYCLES = 600;

    @Param({"200"})
    public int cycles;

    @Param({"stories260K.gguf"})
    public String model;

    private LlamaCppConfig config;
    private Prompt prompt;
    private NormalizedRequest request;

    @AuxCounters(AuxCounters.Type.EVENTS)
    @State(Scope.Thread)
    public static class Memory {
        public long rssGrowthKiB;
        public long rssAfterKiB;
    }

    @Setup(Level.Trial)
    public void setUp() {
        Path file = Path.of(System.getProperty("clituner.shared.dir", "../shared"), "models", model);
        config = LlamaCppConfig.builder(file).threads(1).maxTokens(16).build();
        request = NormalizedRequest.of("list all pdf files", SafetyLevel.STRICT);
        prompt = new PromptBuilder().build(request, List.of());
        for (int i = 0; i < WARM_CYCLES; i++) {
            cycle();
        }
    }

    private void cycle() {
        try (LlamaCppEngine e = LlamaCppEngine.open(config)) {
            e.generate(prompt, request);
        } catch (io.clituner.core.error.NoSuggestionException ignored) {
            // a story model's text may hold no command: the lifecycle is what is measured
        }
    }

    @Benchmark
    public int openGenerateClose(Memory memory) throws IOException {
        System.gc();
        long before = rssKiB();
        for (int i = 0; i < cycles; i++) {
            cycle();
        }
        if (NativeModel.loadedCount() != 0) {
            throw new IllegalStateException("a model stayed loaded after its last engine closed");
        }
        System.gc();
        long after = rssKiB();
        memory.rssGrowthKiB = after - before;
        memory.rssAfterKiB = after;
        System.out.printf(
                "RSS before %d KiB, after %d cycles %d KiB, growth %d KiB%n", before, cycles, after, after - before);
        return cycles;
    }

    static long rssKiB() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new IOException("no VmRSS in /proc/self/status");
    }
}
