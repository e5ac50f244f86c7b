package io.clituner.inference.djl.retrieval;

import ai.djl.Device;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Exact top-k on the CPU, in plain Java, without streaming the float32 rows for every query:
 * <ol>
 *   <li>an int8 pre-scan ({@link Int8Rows}, 1 byte per component) gives every row an interval that
 *       provably holds its exact score ({@link ErrorBound});</li>
 *   <li>τ = the k-th largest lower bound. At least k rows score ≥ τ, so a row whose upper bound is
 *       below τ cannot be in the top k;</li>
 *   <li>the remaining candidates are scored exactly from the float32 rows and ranked.</li>
 * </ol>
 * The result is therefore the brute-force result, not an approximation; pruning only decides how many
 * rows step 3 reads (a handful for well-spread embeddings, the whole cluster when the query sits in a
 * cluster of near-duplicates).
 *
 * <p>The exact score is Σⱼ xⱼ·qⱼ summed in order in double (each float product is exact in double), returned
 * rounded to float; ties rank the lower row first.
 */
final class PrefilteredSearch implements CosineSearch {
    private final float[][] rows;
    private final Int8Rows int8;

    PrefilteredSearch(float[][] vectors) {
        rows = new float[vectors.length][];
        for (int i = 0; i < vectors.length; i++) {
            rows[i] = vectors[i].clone();
        }
        int8 = Int8Rows.of(rows);
    }

    @Override
    public List<List<SearchHit>> search(float[][] queries, int k) {
        List<List<SearchHit>> out = new ArrayList<>(queries.length);
        for (float[] q : queries) {
            out.add(rank(q, candidates(q, k), k));
        }
        return out;
    }

    @Override
    public int rescoredRows(float[] query, int k) {
        return candidates(query, k).length;
    }

    /** Rows that can be in the top k (a superset of it, in row order). */
    int[] candidates(float[] q, int k) {
        if (k >= rows.length) {
            int[] all = new int[rows.length];
            Arrays.setAll(all, i -> i);
            return all;
        }
        QuantizedQuery query = QuantizedQuery.of(q, int8.paddedDimension(), int8.maxQueryCode());
        int[] dots = int8.dots(query.codes());
        ErrorBound bound = new ErrorBound(query, int8.normBound());
        TopK lower = new TopK(k);
        int[] kept = new int[Math.max(64, 4 * k)];
        int n = 0;
        for (int i = 0; i < dots.length; i++) {
            double center = bound.center(int8, i, dots[i]);
            double radius = bound.radius(int8, i);
            lower.offer(i, center - radius);
            // The k-th lower bound only grows, so a row already below it stays out.
            if (!lower.isFull() || center + radius >= lower.kthScore()) {
                if (n == kept.length) {
                    kept = Arrays.copyOf(kept, 2 * n);
                }
                kept[n++] = i;
            }
        }
        double tau = lower.kthScore();
        int m = 0;
        for (int j = 0; j < n; j++) {
            int i = kept[j];
            if (bound.center(int8, i, dots[i]) + bound.radius(int8, i) >= tau) {
                kept[m++] = i;
            }
        }
        return Arrays.copyOf(kept, m);
    }

    private List<SearchHit> rank(float[] q, int[] candidates, int k) {
        TopK top = new TopK(k);
        for (int i : candidates) {
            top.offer(i, score(rows[i], q));
        }
        return top.bestFirst();
    }

    /** The exact score (see the class comment). */
    static double score(float[] x, float[] q) {
        double s = 0;
        for (int j = 0; j < x.length; j++) {
            s += (double) x[j] * q[j];
        }
        return s;
    }

    @Override
    public Device device() {
        return Device.cpu();
    }

    @Override
    public void close() {
        // Heap arrays only.
    }
}
