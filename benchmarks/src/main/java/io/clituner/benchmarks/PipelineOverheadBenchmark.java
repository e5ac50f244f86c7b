package io.clituner.benchmarks;

import io.clituner.core.engine.InferenceEngine;
import io.clituner.core.pipeline.Pipeline;
import io.clituner.inference.gguf.GgufEngine;
import io.clituner.inference.gguf.llamacpp.LlamaCppEngine;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
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
 * What does the pipeline add to a generation? Each call is a cache miss (cache off, queries vary)
 * through every stage with the real GGUF engine on the tiny model and the OutputValidator found on
 * the class path (guardrails). In the same call it measures the end-to-end time and the time inside
 * the engine, so {@code overhead = total - engine} (ingress, prompt, validation, egress, provenance)
 * and {@code library overhead = total - native} (that plus chat rendering, tokenizing for the
 * context check and the binding's JSON parameters). Targets: overhead at most 1% of end-to-end
 * latency and p99 under 200 µs. Prints the overhead histograms at the end of each iteration.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
public class PipelineOverheadBenchmark {
    /**
     * {@code java-llama.cpp}: de.kherud on the tiny model (grammar off, 16 tokens); {@code gguf}: the default engine and
     * {@code java-llama.cpp-stories}: de.kherud, both on stories260K with the one-line grammar and 48 tokens.
     */
    @Param({"java-llama.cpp", "gguf", "java-llama.cpp-stories"})
    public String engineName;

    private InferenceEngine engine;
    private GgufFixtures.TimedEngine timed;
    private Pipeline pipeline;
    private int next;
    private final OverheadHistograms histograms = new OverheadHistograms();
    private final Histogram libraryOverhead = new Histogram(3_600_000_000L, 3);

    @Setup(Level.Trial)
    public void open() {
        engine = switch (engineName) {
            case "gguf" -> LlamaCppEngine.open(GgufFixtures.llamaCppConfig());
            case "java-llama.cpp-stories" -> GgufEngine.open(GgufFixtures.storiesConfig());
            default -> GgufEngine.open(GgufFixtures.tinyConfig());
        };
        timed = new GgufFixtures.TimedEngine(engine);
        pipeline = Pipeline.builder().engine(timed).noCache().build();
    }

    @Benchmark
    public Object translateCacheMiss() {
        String query = GgufFixtures.QUERIES.get(next++ % GgufFixtures.QUERIES.size());
        // Random weights: a gibberish command may be rejected or blocked; that path is measured too.
        Object result = histograms.time(pipeline, query, timed);
        if (timed.lastEngineNanos > 0) {
            libraryOverhead.recordValue(Math.max(0, histograms.lastTotalNanos - timed.lastNativeNanos()));
        }
        return result;
    }

    @TearDown(Level.Iteration)
    public void report() {
        if (histograms.isEmpty()) {
            return;
        }
        histograms.print("engine.generate");
        System.out.printf(
                "  library overhead (total - native completion): mean=%.1f µs p99=%.1f µs = %.3f%% of end-to-end%n",
                libraryOverhead.getMean() / 1e3,
                libraryOverhead.getValueAtPercentile(99) / 1e3,
                100.0 * libraryOverhead.getMean() / histograms.total.getMean());
        OverheadHistograms.printStages(pipeline);
        histograms.reset();
        libraryOverhead.reset();
    }

    @TearDown(Level.Trial)
    public void close() {
        pipeline.close();
        engine.close();
    }
}
