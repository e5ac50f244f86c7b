package io.clituner.benchmarks;

import io.clituner.inference.djl.embedding.EmbeddingModel;
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
import org.openjdk.jmh.annotations.Threads;

/** How long does embedding one query take on one core (OnnxRuntime with one intra-op thread)? Target ≤ 10 ms. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Threads(1)
public class EmbeddingBenchmark {
    private EmbeddingModel model;
    private final String[] queries = {
        "find all pdf files in my home directory",
        "show the last 20 lines of the server log",
        "which process is listening on port 8080",
        "compress the logs folder into a tar.gz archive",
    };
    private int next;

    @Setup(Level.Trial)
    public void open() {
        System.setProperty("ai.djl.offline", "true");
        model = EmbeddingModel.open(1);
    }

    @TearDown(Level.Trial)
    public void close() {
        model.close();
    }

    @Benchmark
    public float[] embedOneQuery() {
        next = (next + 1) & 3;
        return model.embed(queries[next]);
    }
}
