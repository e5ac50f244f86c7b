package io.clituner.inference.djl.retrieval;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Okapi BM25 over short documents (k1 = 1.2, b = 0.75): the lexical baseline the embedding
 * retrieval is measured against. Immutable after construction; thread-safe for searches.
 */
public final class Bm25Index {
    private static final double K1 = 1.2;
    private static final double B = 0.75;

    private final Map<String, int[][]> postings; // term → {doc ids, term frequencies}
    private final int[] lengths;
    private final double avgLength;

    public Bm25Index(List<String> documents) {
        Map<String, List<int[]>> building = new HashMap<>();
        lengths = new int[documents.size()];
        long total = 0;
        for (int d = 0; d < documents.size(); d++) {
            List<String> terms = tokenize(documents.get(d));
            lengths[d] = terms.size();
            total += terms.size();
            Map<String, Integer> tf = new HashMap<>();
            for (String t : terms) {
                tf.merge(t, 1, Integer::sum);
            }
            for (Map.Entry<String, Integer> e : tf.entrySet()) {
                building.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(new int[] {d, e.getValue()});
            }
        }
        avgLength = documents.isEmpty() ? 1 : Math.max(1.0, (double) total / documents.size());
        postings = new HashMap<>(building.size() * 2);
        for (Map.Entry<String, List<int[]>> e : building.entrySet()) {
            List<int[]> list = e.getValue();
            int[][] arr = new int[2][list.size()];
            for (int i = 0; i < list.size(); i++) {
                arr[0][i] = list.get(i)[0];
                arr[1][i] = list.get(i)[1];
            }
            postings.put(e.getKey(), arr);
        }
    }

    /** Lower-cased runs of letters and digits. */
    static List<String> tokenize(String text) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        String lower = text.toLowerCase(Locale.ROOT);
        for (int i = 0; i < lower.length(); i++) {
            char c = lower.charAt(i);
            if (Character.isLetterOrDigit(c)) {
                cur.append(c);
            } else if (cur.length() > 0) {
                out.add(cur.toString());
                cur.setLength(0);
            }
        }
        if (cur.length() > 0) {
            out.add(cur.toString());
        }
        return out;
    }

    /** The best-scoring document, or -1 when no query term occurs anywhere; ties go to the lower id. */
    public int best(String query) {
        double[] scores = scores(query);
        if (scores == null) {
            return -1;
        }
        int best = 0;
        for (int d = 1; d < scores.length; d++) {
            if (scores[d] > scores[best]) {
                best = d;
            }
        }
        return best;
    }

    /** The BM25 score of every document for {@code query} (each distinct term once), or null when no term occurs anywhere. */
    public double @Nullable [] scores(String query) {
        double[] scores = new double[lengths.length];
        boolean any = false;
        int n = lengths.length;
        for (String term : new LinkedHashSet<>(tokenize(query))) {
            int[][] p = postings.get(term);
            if (p == null) {
                continue;
            }
            any = true;
            double idf = Math.log(1 + (n - p[0].length + 0.5) / (p[0].length + 0.5));
            for (int i = 0; i < p[0].length; i++) {
                int d = p[0][i];
                double tf = p[1][i];
                scores[d] += idf * tf * (K1 + 1) / (tf + K1 * (1 - B + B * lengths[d] / avgLength));
            }
        }
        return any ? scores : null;
    }
}
