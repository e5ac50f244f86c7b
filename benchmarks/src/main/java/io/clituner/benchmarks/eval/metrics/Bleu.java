package io.clituner.benchmarks.eval.metrics;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Sentence BLEU-4 over shell tokens against several references (Papineni et al., 2002): clipped
 * n-gram precisions with each n-gram's count clipped to its maximum over the references, brevity
 * penalty against the reference length closest to the candidate's, and add-one smoothing for
 * n &gt; 1 (Lin &amp; Och, 2004) so that a short command is not scored 0 for lacking 4-grams.
 */
public final class Bleu {
    private static final int N = 4;

    private Bleu() {}

    public static double score(List<String> candidate, List<List<String>> references) {
        if (candidate.isEmpty() || references.isEmpty()) {
            return 0.0;
        }
        double logSum = 0;
        for (int n = 1; n <= N; n++) {
            Map<List<String>, Integer> cand = ngrams(candidate, n);
            Map<List<String>, Integer> maxRef = new HashMap<>();
            for (List<String> r : references) {
                ngrams(r, n).forEach((g, c) -> maxRef.merge(g, c, Math::max));
            }
            int matched = 0;
            int total = 0;
            for (Map.Entry<List<String>, Integer> e : cand.entrySet()) {
                matched += Math.min(e.getValue(), maxRef.getOrDefault(e.getKey(), 0));
                total += e.getValue();
            }
            double p = n == 1 ? (total == 0 ? 0 : (double) matched / total) : (matched + 1.0) / (total + 1.0);
            if (p == 0) {
                return 0.0;
            }
            logSum += Math.log(p) / N;
        }
        int c = candidate.size();
        int closest = references.get(0).size();
        for (List<String> r : references) {
            int d = Math.abs(r.size() - c);
            if (d < Math.abs(closest - c) || (d == Math.abs(closest - c) && r.size() < closest)) {
                closest = r.size();
            }
        }
        double bp = c >= closest ? 1.0 : Math.exp(1.0 - (double) closest / c);
        return bp * Math.exp(logSum);
    }

    private static Map<List<String>, Integer> ngrams(List<String> tokens, int n) {
        Map<List<String>, Integer> out = new HashMap<>();
        for (int i = 0; i + n <= tokens.size(); i++) {
            out.merge(List.copyOf(tokens.subList(i, i + n)), 1, Integer::sum);
        }
        return out;
    }
}
