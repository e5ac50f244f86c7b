package io.clituner.inference.djl.retrieval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clituner.inference.djl.retrieval.CosineIndex.Backend;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The JAVA backend prunes with an int8 pre-scan; these properties say it still returns exactly the
 * brute-force top k: scores Σ x·q summed in double, higher first, lower row first among ties.
 */
class ExactSearchTest {

    static List<SearchHit> bruteForce(float[][] rows, float[] q, int k) {
        double[] s = new double[rows.length];
        Integer[] order = new Integer[rows.length];
        for (int i = 0; i < rows.length; i++) {
            double acc = 0;
            for (int j = 0; j < q.length; j++) {
                acc += (double) rows[i][j] * q[j];
            }
            s[i] = acc;
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> s[a] > s[b] ? -1 : s[a] < s[b] ? 1 : Integer.compare(a, b));
        List<SearchHit> out = new ArrayList<>();
        for (int i = 0; i < Math.min(k, rows.length); i++) {
            out.add(new SearchHit(order[i], (float) s[order[i]]));
        }
        return out;
    }

    static float[] normalize(float[] v) {
        double n = 0;
        for (float x : v) {
            n += (double) x * x;
        }
        for (int j = 0; j < v.length; j++) {
            v[j] /= (float) Math.sqrt(n);
        }
        return v;
    }

    static float[] gaussian(int dim, Random r) {
        float[] v = new float[dim];
        for (int j = 0; j < dim; j++) {
            v[j] = (float) r.nextGaussian();
        }
        return normalize(v);
    }

    /** Tight clusters of near-duplicates around random centroids, with some exact duplicates. */
    static float[][] clustered(int n, int dim, int clusters, double noise, Random r) {
        float[][] centroids = new float[clusters][];
        for (int c = 0; c < clusters; c++) {
            centroids[c] = gaussian(dim, r);
        }
        float[][] rows = new float[n][];
        for (int i = 0; i < n; i++) {
            if (i > 0 && r.nextInt(10) == 0) {
                rows[i] = rows[r.nextInt(i)].clone();
                continue;
            }
            rows[i] = nearby(centroids[r.nextInt(clusters)], noise, r);
        }
        return rows;
    }

    static float[] nearby(float[] centre, double noise, Random r) {
        float[] v = new float[centre.length];
        for (int j = 0; j < v.length; j++) {
            v[j] = (float) (centre[j] + noise * r.nextGaussian() / Math.sqrt(centre.length));
        }
        return normalize(v);
    }

    static void assertExact(CosineIndex index, float[][] rows, float[] q, int k) {
        assertEquals(bruteForce(rows, q, k), index.search(q, k), "k=" + k);
    }

    @ParameterizedTest(name = "n={0} dim={1} seed={2}")
    @CsvSource({"1,384,1", "2,3,2", "7,5,3", "100,1,4", "100,7,5", "500,32,6", "2000,384,7", "3000,96,8"})
    void randomBanksGiveTheBruteForceTopK(int n, int dim, long seed) {
        Random r = new Random(seed);
        float[][] rows = new float[n][];
        for (int i = 0; i < n; i++) {
            rows[i] = gaussian(dim, r);
        }
        try (CosineIndex index = CosineIndex.of(rows, Backend.JAVA)) {
            for (int t = 0; t < 25; t++) {
                float[] q = gaussian(dim, r);
                for (int k : new int[] {1, 5, 50, n - 1, n, n + 3}) {
                    if (k > 0) {
                        assertExact(index, rows, q, k);
                    }
                }
            }
        }
    }

    @Test
    void clustersOfNearDuplicatesGiveTheBruteForceTopK() {
        Random r = new Random(11);
        for (double noise : new double[] {0.3, 0.05, 0.005, 1e-5}) {
            float[][] rows = clustered(3000, 384, 20, noise, r);
            try (CosineIndex index = CosineIndex.of(rows, Backend.JAVA)) {
                for (int t = 0; t < 20; t++) {
                    // A query near a row: its cluster holds many near-ties.
                    float[] q = nearby(rows[r.nextInt(rows.length)], noise, r);
                    for (int k : new int[] {1, 3, 5, 40, 400}) {
                        assertExact(index, rows, q, k);
                    }
                }
            }
        }
    }

    @Test
    void tiesRankTheLowerRowFirst() {
        int dim = 8;
        float[][] rows = new float[40][dim];
        for (int i = 0; i < rows.length; i++) {
            rows[i][i % dim] = 1f; // basis vectors, each repeated 5 times
        }
        rows[17] = new float[dim]; // a zero row (scale 0)
        try (CosineIndex index = CosineIndex.of(rows, Backend.JAVA)) {
            float[] e3 = new float[dim];
            e3[3] = 1f;
            List<SearchHit> top = index.search(e3, 8);
            assertEquals(
                    List.of(3, 11, 19, 27, 35, 0, 1, 2),
                    top.stream().map(SearchHit::index).toList());
            assertEquals(
                    List.of(1f, 1f, 1f, 1f, 1f, 0f, 0f, 0f),
                    top.stream().map(SearchHit::score).toList());
            for (int k = 1; k <= rows.length + 1; k++) {
                assertExact(index, rows, e3, k);
                assertExact(index, rows, new float[dim], k); // zero query: every score ties at 0
                float[] mixed = {0.5f, 0.5f, 0.5f, 0.5f, 0f, 0f, 0f, 0f};
                assertExact(index, rows, mixed, k);
            }
        }
    }

    @Test
    void tinyAndHugeMagnitudesStayExact() {
        Random r = new Random(5);
        float[][] rows = new float[300][];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = gaussian(64, r);
        }
        // Rows far from unit length, including subnormal and near-overflow components.
        for (int j = 0; j < 64; j++) {
            rows[0][j] *= 1e-39f;
            rows[1][j] *= 1e30f;
        }
        rows[2][5] = Float.MIN_VALUE;
        try (CosineIndex index = CosineIndex.of(rows, Backend.JAVA)) {
            for (float scale : new float[] {1f, 1e-38f, 1e-44f, 1e6f}) {
                float[] q = gaussian(64, r);
                for (int j = 0; j < q.length; j++) {
                    q[j] *= scale;
                }
                for (int k : new int[] {1, 3, 10}) {
                    assertExact(index, rows, q, k);
                }
            }
        }
    }

    @Test
    void theBoundHoldsForEveryRowEvenWhenTheQueryPointsAlongTheQuantizationError() {
        Random r = new Random(3);
        int dim = 384;
        float[][] rows = clustered(500, dim, 5, 0.1, r);
        Int8Rows int8 = Int8Rows.of(rows);
        List<float[]> queries = new ArrayList<>();
        for (int t = 0; t < 10; t++) {
            queries.add(gaussian(dim, r));
        }
        for (int i = 0; i < 5; i++) {
            // q = ρ/‖ρ‖ makes Cauchy–Schwarz tight for row i: q·ρ = ‖ρ‖.
            float[] residual = new float[dim];
            for (int j = 0; j < dim; j++) {
                residual[j] = (float) (rows[i][j] - (double) int8.scale(i) * int8.code(i, j));
            }
            queries.add(normalize(residual));
        }
        for (float[] q : queries) {
            QuantizedQuery qq = QuantizedQuery.of(q, int8.paddedDimension(), int8.maxQueryCode());
            int[] dots = int8.dots(qq.codes());
            ErrorBound bound = new ErrorBound(qq, int8.normBound());
            for (int i = 0; i < rows.length; i++) {
                double exact = PrefilteredSearch.score(rows[i], q);
                double c = bound.center(int8, i, dots[i]);
                double radius = bound.radius(int8, i);
                assertTrue(Math.abs(exact - c) <= radius, "row " + i + ": |" + exact + " - " + c + "| > " + radius);
                // The bound is useful: int8 error is well under 1% of a unit vector's length.
                assertTrue(radius < 0.02, "radius " + radius);
            }
        }
    }

    @Test
    void theScanIsTheExactIntegerDotProduct() {
        Random r = new Random(9);
        for (int dim : new int[] {1, 4, 5, 384}) {
            float[][] rows = new float[5000][];
            for (int i = 0; i < rows.length; i++) {
                rows[i] = gaussian(dim, r);
            }
            Int8Rows int8 = Int8Rows.of(rows);
            int max = int8.maxQueryCode();
            int[] codes = new int[int8.paddedDimension()];
            for (int j = 0; j < dim; j++) {
                codes[j] = r.nextBoolean() ? max : -max; // the largest codes allowed: no overflow
            }
            int[] dots = int8.dots(codes);
            for (int i = 0; i < rows.length; i++) {
                long expected = 0;
                for (int j = 0; j < dim; j++) {
                    int code = int8.code(i, j);
                    assertTrue(Math.abs(code) <= Int8Rows.MAX_CODE);
                    assertTrue(
                            Math.abs(rows[i][j] - (double) int8.scale(i) * code) <= int8.scale(i) / 2.0 * (1 + 1e-6));
                    expected += (long) codes[j] * code;
                }
                assertEquals(expected, dots[i], "row " + i + " dim " + dim);
            }
        }
    }

    @Test
    void wellSpreadEmbeddingsAreMostlyPrunedAndClustersAreRescoredAsAWhole() {
        Random r = new Random(21);
        float[][] spread = new float[20000][];
        for (int i = 0; i < spread.length; i++) {
            spread[i] = gaussian(384, r);
        }
        try (CosineIndex index = CosineIndex.of(spread, Backend.JAVA)) {
            for (int t = 0; t < 10; t++) {
                int rescored = index.rescoredRows(gaussian(384, r), 5);
                assertTrue(rescored >= 5 && rescored < 200, "rescored " + rescored);
            }
            assertEquals(spread.length, index.rescoredRows(gaussian(384, r), spread.length + 1));
        }
        // Identical rows cannot be told apart by any bound: all of them are rescored, and ties go by row.
        float[][] same = new float[300][];
        Arrays.fill(same, gaussian(384, r));
        try (CosineIndex index = CosineIndex.of(same, Backend.JAVA)) {
            float[] q = gaussian(384, r);
            assertEquals(300, index.rescoredRows(q, 5));
            assertEquals(
                    List.of(0, 1, 2, 3, 4),
                    index.search(q, 5).stream().map(SearchHit::index).toList());
        }
    }

    @Test
    void concurrentSearchesAgreeWithSequentialOnes() throws Exception {
        Random r = new Random(13);
        float[][] rows = clustered(4000, 384, 40, 0.05, r);
        float[][] queries = new float[64][];
        for (int t = 0; t < queries.length; t++) {
            queries[t] = nearby(rows[r.nextInt(rows.length)], 0.05, r);
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try (CosineIndex index = CosineIndex.of(rows, Backend.JAVA)) {
            List<List<SearchHit>> sequential = index.search(queries, 7);
            List<Future<List<SearchHit>>> futures = new ArrayList<>();
            for (int rep = 0; rep < 4; rep++) {
                for (float[] q : queries) {
                    futures.add(pool.submit(() -> index.search(q, 7)));
                }
            }
            for (int f = 0; f < futures.size(); f++) {
                assertEquals(sequential.get(f % queries.length), futures.get(f).get());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void topKKeepsTheBestPairsInOrder() {
        TopK top = new TopK(3);
        double[] scores = {0.5, 0.9, 0.1, 0.9, 0.7, 0.5};
        for (int i = 0; i < scores.length; i++) {
            top.offer(i, scores[i]);
        }
        assertTrue(top.isFull());
        assertEquals(0.7, top.kthScore());
        assertEquals(List.of(new SearchHit(1, 0.9f), new SearchHit(3, 0.9f), new SearchHit(4, 0.7f)), top.bestFirst());
    }
}
