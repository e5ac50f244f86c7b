package io.clituner.inference.djl.calibration;

import java.util.List;

/**
 * What the retrieval engine knows about one answer when it scores it; the inputs of the
 * {@link ConfidenceModel}.
 *
 * @param similarity     cosine similarity of the example the answer came from
 * @param margin         its similarity minus that of the best agreeing example with another program (0 when none)
 * @param voteShare      share of the neighbours' vote weight held by the answer's program (0..1)
 * @param coverage       share of the request's values the command carries (1 when the request holds none)
 * @param actionKnown    1 when the request names an action the command was checked against, else 0
 * @param skipped        how many nearer candidates were skipped because they contradicted the request
 * @param foreign        1 when the command keeps a value of its example the request never named, else 0
 */
public record AnswerFeatures(
        double similarity,
        double margin,
        double voteShare,
        double coverage,
        double actionKnown,
        double skipped,
        double foreign) {
    public static final List<String> NAMES =
            List.of("similarity", "margin", "voteShare", "coverage", "actionKnown", "skipped", "foreign");

    /** The vector as "a,b,c…" (recorded in the engine's details, read back by {@link #fromCsv}). */
    public String toCsv() {
        StringBuilder sb = new StringBuilder();
        for (double v : vector()) {
            sb.append(sb.length() == 0 ? "" : ",").append(String.format(java.util.Locale.ROOT, "%.5f", v));
        }
        return sb.toString();
    }

    public static AnswerFeatures fromCsv(String csv) {
        String[] p = csv.split(",");
        if (p.length != NAMES.size()) {
            throw new IllegalArgumentException("expected " + NAMES.size() + " features, got '" + csv + "'");
        }
        double[] v = new double[p.length];
        for (int i = 0; i < p.length; i++) {
            v[i] = Double.parseDouble(p[i]);
        }
        return new AnswerFeatures(v[0], v[1], v[2], v[3], v[4], v[5], v[6]);
    }

    public double[] vector() {
        return new double[] {similarity, margin, voteShare, coverage, actionKnown, Math.min(3, skipped), foreign};
    }
}
