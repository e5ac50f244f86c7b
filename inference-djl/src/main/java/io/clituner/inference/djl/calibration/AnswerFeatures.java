package io.clituner.inference.djl.calibration;

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
public record AnswerFeatures(double similarity, double margin, double voteShare, double coverage, double actionKnown, double skipped,
                             double foreign) {
    public static final String[] NAMES = {"similarity", "margin", "voteShare", "coverage", "actionKnown", "skipped", "foreign"};

    public double[] vector() {
        return new double[] {similarity, margin, voteShare, coverage, actionKnown, Math.min(3, skipped), foreign};
    }
}
