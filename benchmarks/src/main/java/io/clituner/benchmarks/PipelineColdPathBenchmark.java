package io.clituner.benchmarks;

import io.clituner.core.NormalizedRequest;
import io.clituner.core.RawModelOutput;
import io.clituner.core.engine.InferenceEngine;
import io.clituner.core.engine.ModelIdentity;
import io.clituner.core.engine.Prompt;
import io.clituner.core.error.CliTunerException;
import io.clituner.core.pipeline.Pipeline;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * What do the pipeline's own stages cost, hot and cold? Everything but inference runs for real
 * (ingress, prompt, guardrails validation, egress with provenance; cache off) around an engine that
 * answers at once with a fixed command. {@code gap} is what happens before each call (outside the
 * measured time): {@code none} is a hot loop; {@code spin9ms} busy-waits 9 ms touching nothing, the
 * time ~9 ms of forward passes leave between two requests (on a shared VM other tenants evict some of
 * the caches meanwhile, so this varies from run to run); {@code evict64MiB} writes one long in every
 * cache line of a 64 MiB array, twice the L3 of this machine, so that every line the request needs comes
 * from memory: the repeatable worst case, the state the request finds after a model has run and
 * neighbours have used the shared cache. The differences are what a request pays for cold caches,
 * without any model in the process.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Thread)
public class PipelineColdPathBenchmark {
    /** Commands a model might answer, with the random tiny model's usual gibberish line among them. */
    private static final List<String> OUTPUTS = List.of(
            "find . -type f -name '*.pdf'",
            "du -sh .",
            "find . -type f -size +100M",
            "wc -l *.log",
            "date",
            "ps aux --sort=-%mem | head",
            "ls -a",
            "typeof KapValuesnpmściepossibleificate successo status heutigenโ zesificate successo status heutigen");

    @Param({"none", "spin9ms", "evict64MiB"})
    String gap;

    /** 64 MiB: twice the L3 of the machines the figures come from; one write per 64-byte line. */
    private final long[] evictionBuffer = new long[(64 << 20) / Long.BYTES];

    private Pipeline pipeline;
    private int next;

    @SuppressWarnings("UnusedVariable") // written so the JIT cannot drop the work that feeds it
    private long sink;

    @Setup(Level.Trial)
    public void open() {
        InferenceEngine answering = new InferenceEngine() {
            private final ModelIdentity model =
                    new ModelIdentity("fixed-answers", "1", "0".repeat(64), "scripted", Map.of());

            @Override
            public ModelIdentity model() {
                return model;
            }

            @Override
            public RawModelOutput generate(Prompt prompt, NormalizedRequest request) {
                String text = OUTPUTS.get(GgufFixtures.QUERIES.indexOf(request.text()));
                return new RawModelOutput(text, 0.5, "fixed", 40, 8, Duration.ZERO, Map.of());
            }

            @Override
            public void close() {
                // nothing native to release
            }
        };
        pipeline = Pipeline.builder().engine(answering).noCache().build();
    }

    @Setup(Level.Invocation)
    public void gap() {
        switch (gap) {
            case "spin9ms" -> {
                long end = System.nanoTime() + 9_000_000L;
                long spins = 0;
                while (System.nanoTime() < end) {
                    spins++;
                }
                sink += spins;
            }
            case "evict64MiB" -> {
                long[] b = evictionBuffer;
                for (int i = 0; i < b.length; i += 8) {
                    b[i] += i;
                }
                sink += b[next & 1023];
            }
            default -> {
                // hot loop
            }
        }
    }

    @Benchmark
    public Object translate() {
        String query = GgufFixtures.QUERIES.get(next++ & 7);
        try {
            return pipeline.translate(query);
        } catch (CliTunerException e) {
            return e;
        }
    }
}
