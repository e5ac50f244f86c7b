package io.clituner.inference.djl.drift;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Population stability index over categories: {@code Σ (c_i - r_i) · ln(c_i / r_i)} where r and c
 * are the reference and current shares. Empty categories get a share of {@value #FLOOR} so that a
 * category appearing or vanishing counts as a large but finite shift. Rule of thumb (and the
 * defaults here): below 0.1 stable, 0.1–0.25 moderate shift, above 0.25 major shift.
 */
public final class Psi {
    static final double FLOOR = 1e-4;

    private Psi() {}

    public static double of(Collection<String> reference, Collection<String> current) {
        Map<String, Integer> r = counts(reference);
        Map<String, Integer> c = counts(current);
        Set<String> categories = new LinkedHashSet<>(r.keySet());
        categories.addAll(c.keySet());
        double psi = 0;
        for (String k : categories) {
            double rs = Math.max(FLOOR, r.getOrDefault(k, 0) / (double) Math.max(1, reference.size()));
            double cs = Math.max(FLOOR, c.getOrDefault(k, 0) / (double) Math.max(1, current.size()));
            psi += (cs - rs) * Math.log(cs / rs);
        }
        return psi;
    }

    /**
     * Maps rare categories to {@code "(other)"}: only the {@code top} most frequent reference
     * categories are kept, so that small samples of a long tail (programs) do not look like drift.
     */
    public static List<String> bucket(List<String> values, Collection<String> referenceValues, int top) {
        Set<String> kept = new LinkedHashSet<>();
        counts(referenceValues).entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue()
                        .reversed()
                        .thenComparing(Map.Entry.comparingByKey()))
                .limit(top)
                .forEach(e -> kept.add(e.getKey()));
        return values.stream().map(v -> kept.contains(v) ? v : "(other)").toList();
    }

    private static Map<String, Integer> counts(Collection<String> values) {
        Map<String, Integer> out = new HashMap<>();
        for (String v : values) {
            out.merge(v, 1, Integer::sum);
        }
        return out;
    }
}
