package io.clituner.benchmarks;

import io.clituner.core.pipeline.Pipeline;
import io.clituner.inference.remote.RemoteEngine;
import io.clituner.inference.remote.RemoteEngineConfig;
import io.clituner.inference.remote.server.LlamaServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * What does the pipeline add to a remote call? A real llama-server on 127.0.0.1 (started here,
 * stories260K, one slot, one thread) answers through the {@link RemoteEngine}; a llama.cpp grammar
 * makes every answer a short one-line command so that every call goes through validation and
 * egress (RETURNED). Each call is a cache miss. In the same call it measures end to end and the time
 * inside {@code engine.generate} (the HTTP round trip, the server's generation and LangChain4j's
 * JSON work), so {@code overhead = total - remote call}: ingress, prompt, extraction, guardrail,
 * provenance. Prints the histograms at the end of each iteration.
 *
 * <p>Needs the llama-server binary ({@code .ci/build-llama-server.sh}; {@code -Dclituner.llamaServer=…}
 * or {@code CLITUNER_LLAMA_SERVER}, else the build cache) and {@code ../shared/models/stories260K.gguf}.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
public class RemotePipelineOverheadBenchmark {
    private LlamaServer server;
    private RemoteEngine engine;
    private GgufFixtures.TimedEngine timed;
    private Pipeline pipeline;
    private int next;
    private final OverheadHistograms histograms = new OverheadHistograms();

    @Setup(Level.Trial)
    public void open() throws Exception {
        Path bin = LlamaServer.binary()
                .orElseThrow(() -> new IllegalStateException(
                        "llama-server is not built: run .ci/build-llama-server.sh or set -Dclituner.llamaServer"));
        Path model = Path.of(System.getProperty("clituner.shared.dir", "../shared"), "models", "stories260K.gguf");
        if (!Files.isRegularFile(model)) {
            throw new IllegalStateException(
                    "benchmark model " + model.toAbsolutePath() + " is absent: run from the repository root");
        }
        server = LlamaServer.start(
                bin, model, "stories260K", 1, List.of(), Files.createTempDirectory("llama-server-bench"));
        engine = RemoteEngine.open(RemoteEngineConfig.builder(server.baseUrl(), "stories260K")
                .maxTokens(16)
                .extra("grammar", "root ::= (\"ls -la \" | \"du -sh \" | \"wc -l \") [a-z]{2,8}")
                .build());
        timed = new GgufFixtures.TimedEngine(engine);
        pipeline = Pipeline.builder().engine(timed).noCache().build();
    }

    @Benchmark
    public Object translateCacheMiss() {
        return histograms.time(pipeline, GgufFixtures.QUERIES.get(next++ % GgufFixtures.QUERIES.size()), timed);
    }

    @TearDown(Level.Iteration)
    public void report() {
        if (histograms.isEmpty()) {
            return;
        }
        histograms.print("remote call (engine.generate)");
        OverheadHistograms.printStages(pipeline);
        histograms.reset();
    }

    @TearDown(Level.Trial)
    public void close() {
        pipeline.close();
        engine.close();
        server.close();
    }
}
