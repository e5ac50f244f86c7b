package io.clituner.benchmarks;

import io.clituner.inference.djl.retrieval.CosineIndex;
import io.clituner.inference.djl.retrieval.SearchHit;
import java.util.List;
import java.util.Random;
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
import org.openjdk.jmh.annotations.TearDown;

/**
 * How long does an exact top-5 cosine search over a 30,000-example bank take (PyTorch on CPU,
 * 384-dimensional unit vectors, one query embedding given)? Target ≤ 5 ms. Random unit vectors with
 * a fixed seed stand in for embeddings: exact search costs the same for any values.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class BankSearchBenchmark {
    @Param("30000")
    int rows;

    private CosineIndex index;
    private float[][] queries;
    private int next;

    @Setup(Level.Trial)
    public void build() {
        System.setProperty("ai.djl.offline", "true");
        Random r = new Random(1);
        index = CosineIndex.of(unitVectors(rows, r));
        queries = unitVectors(16, r);
    }

    static float[][] unitVectors(int n, Random r) {
        float[][] out = new float[n][384];
        for (float[] v : out) {
            double norm = 0;
            for (int d = 0; d < v.length; d++) {
                v[d] = (float) r.nextGaussian();
                norm += v[d] * v[d];
            }
            for (int d = 0; d < v.length; d++) {
                v[d] /= (float) Math.sqrt(norm);
            }
        }
        return out;
    }

    @TearDown(Level.Trial)
    public void close() {
        index.close();
    }

    @Benchmark
    public List<SearchHit> top5() {
        next = (next + 1) & 15;
        return index.search(queries[next], 5);
    }
}
