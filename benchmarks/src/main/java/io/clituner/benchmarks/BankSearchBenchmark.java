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
 * How long does an exact top-5 cosine search over a 30,000-example bank take (384-dimensional unit
 * vectors, one query embedding given)? Target ≤ 5 ms.
 *
 * <p>{@code backend}: JAVA is the CPU default (int8 pre-scan with an error bound, then an exact
 * re-rank of the rows the bound cannot rule out); PYTORCH is the float32 matrix product + topK used
 * on a GPU, here on the CPU for comparison. PyTorch's cost does not depend on the values; the JAVA
 * backend's re-rank does, hence two data sets with fixed seeds: {@code gaussian} (random unit vectors,
 * well spread) and {@code clustered} (300 tight clusters of ~100 near-duplicates, cosine ≈ 0.99
 * within a cluster, 10% exact duplicates, each query near a bank row: many near-ties, the hard case
 * for pruning, which has to re-rank the query's whole cluster). The setup
 * prints the mean number of rows re-ranked per query.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class BankSearchBenchmark {
    static final int DIM = 384;
    static final int QUERIES = 16;

    @Param("30000")
    int rows;

    @Param({"gaussian", "clustered"})
    String data;

    @Param({"JAVA", "PYTORCH"})
    CosineIndex.Backend backend;

    private CosineIndex index;
    private float[][] queries;
    private int next;

    @Setup(Level.Trial)
    public void build() {
        System.setProperty("ai.djl.offline", "true");
        Random r = new Random(1);
        float[][] bank = new float[rows][];
        queries = new float[QUERIES][];
        if (data.equals("gaussian")) {
            bank = unitVectors(rows, r);
            queries = unitVectors(QUERIES, r);
        } else {
            float[][] centroids = new float[300][];
            for (int c = 0; c < centroids.length; c++) {
                centroids[c] = gaussian(r);
            }
            for (int i = 0; i < rows; i++) {
                bank[i] = i > 0 && r.nextInt(10) == 0
                        ? bank[r.nextInt(i)].clone()
                        : near(centroids[r.nextInt(centroids.length)], r);
            }
            for (int q = 0; q < QUERIES; q++) {
                queries[q] = near(bank[r.nextInt(rows)], r);
            }
        }
        index = CosineIndex.of(bank, backend);
        long rescored = 0;
        for (float[] q : queries) {
            rescored += index.rescoredRows(q, 5);
        }
        System.out.printf(
                "%n%s/%s: %.1f rows re-ranked per query (of %d)%n", backend, data, rescored / (double) QUERIES, rows);
    }

    /** n random unit vectors (also the input of {@code MmdBenchmark}). */
    static float[][] unitVectors(int n, Random r) {
        float[][] out = new float[n][];
        for (int i = 0; i < n; i++) {
            out[i] = gaussian(r);
        }
        return out;
    }

    static float[] gaussian(Random r) {
        float[] v = new float[DIM];
        for (int d = 0; d < DIM; d++) {
            v[d] = (float) r.nextGaussian();
        }
        return normalize(v);
    }

    /** centre + noise of norm ≈ 0.1: cosine ≈ 0.995 to the centre, ≈ 0.99 between two such rows. */
    static float[] near(float[] centre, Random r) {
        float[] v = new float[DIM];
        for (int d = 0; d < DIM; d++) {
            v[d] = (float) (centre[d] + 0.1 * r.nextGaussian() / Math.sqrt(DIM));
        }
        return normalize(v);
    }

    static float[] normalize(float[] v) {
        double norm = 0;
        for (float x : v) {
            norm += x * x;
        }
        for (int d = 0; d < v.length; d++) {
            v[d] /= (float) Math.sqrt(norm);
        }
        return v;
    }

    @TearDown(Level.Trial)
    public void close() {
        index.close();
    }

    @Benchmark
    public List<SearchHit> top5() {
        next = (next + 1) & (QUERIES - 1);
        return index.search(queries[next], 5);
    }
}
