package io.clituner.inference.djl.retrieval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The k best (row, score) pairs offered so far, in one order used everywhere in this package:
 * higher score first, and among equal scores the lower row first. A bounded heap whose root is the
 * worst pair kept, so offering a pair that does not make the cut costs one comparison.
 */
final class TopK {
    private final int[] rows;
    private final double[] scores;
    private int size;

    TopK(int k) {
        if (k <= 0) {
            throw new IllegalArgumentException("k must be positive, got " + k);
        }
        rows = new int[k];
        scores = new double[k];
    }

    /** Whether (row a, score sa) ranks before (row b, score sb). */
    static boolean before(int a, double sa, int b, double sb) {
        return sa > sb || (sa == sb && a < b);
    }

    void offer(int row, double score) {
        if (size < rows.length) {
            rows[size] = row;
            scores[size] = score;
            siftUp(size++);
        } else if (before(row, score, rows[0], scores[0])) {
            rows[0] = row;
            scores[0] = score;
            siftDown(0);
        }
    }

    boolean isFull() {
        return size == rows.length;
    }

    /** The k-th best score offered (the worst one kept); only meaningful once {@link #isFull()}. */
    double kthScore() {
        return scores[0];
    }

    /** The pairs kept, best first, as hits with their scores rounded to float. */
    List<SearchHit> bestFirst() {
        Integer[] order = new Integer[size];
        for (int i = 0; i < size; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (x, y) -> x.equals(y) ? 0 : before(rows[x], scores[x], rows[y], scores[y]) ? -1 : 1);
        List<SearchHit> out = new ArrayList<>(size);
        for (int i : order) {
            out.add(new SearchHit(rows[i], (float) scores[i]));
        }
        return out;
    }

    private void siftUp(int i) {
        while (i > 0) {
            int parent = (i - 1) / 2;
            // The root must stay the worst: a parent that ranks before its child swaps down.
            if (!before(rows[parent], scores[parent], rows[i], scores[i])) {
                return;
            }
            swap(i, parent);
            i = parent;
        }
    }

    private void siftDown(int i) {
        while (true) {
            int worst = i;
            for (int child = 2 * i + 1; child <= 2 * i + 2 && child < size; child++) {
                if (before(rows[worst], scores[worst], rows[child], scores[child])) {
                    worst = child;
                }
            }
            if (worst == i) {
                return;
            }
            swap(i, worst);
            i = worst;
        }
    }

    private void swap(int a, int b) {
        int r = rows[a];
        rows[a] = rows[b];
        rows[b] = r;
        double s = scores[a];
        scores[a] = scores[b];
        scores[b] = s;
    }
}
