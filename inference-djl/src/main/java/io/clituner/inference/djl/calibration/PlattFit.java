package io.clituner.inference.djl.calibration;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Fits a {@link ConfidenceModel}: L2-regularised logistic regression by Newton's method (a handful
 * of features, so a dense solve is exact and fast), and the NO_SUGGESTION threshold as the lowest
 * confidence at which the answers kept reach a target precision. Also the measures used to report
 * calibration: AUROC and per-bucket accuracy.
 */
public final class PlattFit {
    private PlattFit() {}

    /** One labelled answer. */
    public record Sample(AnswerFeatures features, boolean correct) {}

    /** Accuracy of the answers whose confidence falls in {@code [low, high)}. */
    public record Bucket(double low, double high, int count, double meanConfidence, double accuracy) {}

    /** Fits the weights; the threshold is the highest below which at most {@code maxRightBelow} of the answers were right. */
    public static ConfidenceModel fit(List<Sample> samples, double maxRightBelow, double l2, String fittedOn) {
        int d = AnswerFeatures.NAMES.size() + 1;
        double[] beta = new double[d];
        for (int iter = 0; iter < 50; iter++) {
            double[] grad = new double[d];
            double[][] hess = new double[d][d];
            for (Sample s : samples) {
                double[] x = withBias(s.features().vector());
                double p = sigmoid(dot(beta, x));
                double y = s.correct() ? 1 : 0;
                for (int i = 0; i < d; i++) {
                    grad[i] += (p - y) * x[i];
                    for (int j = 0; j < d; j++) {
                        hess[i][j] += p * (1 - p) * x[i] * x[j];
                    }
                }
            }
            for (int i = 1; i < d; i++) {
                grad[i] += l2 * beta[i];
                hess[i][i] += l2;
            }
            hess[0][0] += 1e-9;
            double[] step = solve(hess, grad);
            double change = 0;
            for (int i = 0; i < d; i++) {
                beta[i] -= step[i];
                change = Math.max(change, Math.abs(step[i]));
            }
            if (change < 1e-8) {
                break;
            }
        }
        double[] w = new double[d - 1];
        System.arraycopy(beta, 1, w, 0, w.length);
        ConfidenceModel platt = new ConfidenceModel(beta[0], w, 0.0, fittedOn);
        List<double[]> scored = new ArrayList<>();
        for (Sample s : samples) {
            scored.add(new double[] {platt.score(s.features()), s.correct() ? 1 : 0});
        }
        double[][] iso = isotonic(scored);
        ConfidenceModel calibrated = platt.withIsotonic(iso[0], iso[1]);
        return calibrated.withThreshold(refusalThreshold(calibrated, samples, maxRightBelow));
    }

    /**
     * Pool-adjacent-violators over (score, label) pairs: blocks of non-decreasing accuracy, each as
     * (mean score, (right + 0.5) / (n + 1)); the add-one-half keeps small blocks off 0 and 1.
     */
    static double[][] isotonic(List<double[]> scoreAndLabel) {
        List<double[]> sorted = new ArrayList<>(scoreAndLabel);
        sorted.sort(Comparator.comparingDouble(a -> a[0]));
        // block: {sumScore, sumRight, n}
        List<double[]> blocks = new ArrayList<>();
        for (double[] a : sorted) {
            blocks.add(new double[] {a[0], a[1], 1});
            while (blocks.size() > 1 && rate(blocks.get(blocks.size() - 2)) >= rate(blocks.get(blocks.size() - 1))) {
                double[] last = blocks.remove(blocks.size() - 1);
                double[] prev = blocks.get(blocks.size() - 1);
                prev[0] += last[0];
                prev[1] += last[1];
                prev[2] += last[2];
            }
        }
        double[] x = new double[blocks.size()];
        double[] y = new double[blocks.size()];
        for (int i = 0; i < x.length; i++) {
            double[] b = blocks.get(i);
            x[i] = b[0] / b[2];
            y[i] = (b[1] + 0.5) / (b[2] + 1);
        }
        for (int i = 1; i < y.length; i++) {
            y[i] = Math.max(y[i], y[i - 1]); // smoothing must not break monotonicity
        }
        return new double[][] {x, y};
    }

    private static double rate(double[] block) {
        return block[1] / block[2];
    }

    /**
     * Highest confidence t such that the answers below t were right at most {@code maxRightBelow} of the
     * time: refusing them (NO_SUGGESTION) is then right at least 1 − maxRightBelow of the time.
     */
    public static double refusalThreshold(ConfidenceModel model, List<Sample> samples, double maxRightBelow) {
        List<double[]> scored = new ArrayList<>();
        for (Sample s : samples) {
            scored.add(new double[] {model.confidence(s.features()), s.correct() ? 1 : 0});
        }
        scored.sort(Comparator.comparingDouble((double[] a) -> a[0]));
        double best = 0.0;
        int right = 0;
        for (int i = 0; i < scored.size(); i++) {
            right += (int) scored.get(i)[1];
            boolean boundary = i + 1 == scored.size() || scored.get(i + 1)[0] > scored.get(i)[0];
            if (boundary && (double) right / (i + 1) <= maxRightBelow && i + 1 < scored.size()) {
                best = (scored.get(i)[0] + scored.get(i + 1)[0]) / 2;
            }
        }
        return best;
    }

    /** Lowest confidence t such that answers with confidence ≥ t are right at least {@code precision} of the time. */
    public static double threshold(ConfidenceModel model, List<Sample> samples, double precision) {
        List<double[]> scored = new ArrayList<>();
        for (Sample s : samples) {
            scored.add(new double[] {model.confidence(s.features()), s.correct() ? 1 : 0});
        }
        scored.sort(Comparator.comparingDouble((double[] a) -> a[0]).reversed());
        double best = 1.0;
        int right = 0;
        for (int i = 0; i < scored.size(); i++) {
            right += (int) scored.get(i)[1];
            boolean boundary = i + 1 == scored.size() || scored.get(i + 1)[0] < scored.get(i)[0];
            if (boundary && (double) right / (i + 1) >= precision) {
                best = scored.get(i)[0];
            }
        }
        return best;
    }

    /** Area under the ROC curve of confidence for correctness (ties count one half). */
    public static double auroc(List<double[]> confidenceAndLabel) {
        List<double[]> sorted = new ArrayList<>(confidenceAndLabel);
        sorted.sort(Comparator.comparingDouble(a -> a[0]));
        long pos = sorted.stream().filter(a -> a[1] > 0).count();
        long neg = sorted.size() - pos;
        if (pos == 0 || neg == 0) {
            return Double.NaN;
        }
        double rankSum = 0;
        int i = 0;
        while (i < sorted.size()) {
            int j = i;
            while (j + 1 < sorted.size() && sorted.get(j + 1)[0] == sorted.get(i)[0]) {
                j++;
            }
            double avgRank = (i + j) / 2.0 + 1;
            for (int k = i; k <= j; k++) {
                if (sorted.get(k)[1] > 0) {
                    rankSum += avgRank;
                }
            }
            i = j + 1;
        }
        return (rankSum - pos * (pos + 1) / 2.0) / ((double) pos * neg);
    }

    /** Buckets of width {@code width} over [0, 1]. */
    public static List<Bucket> buckets(List<double[]> confidenceAndLabel, double width) {
        List<Bucket> out = new ArrayList<>();
        for (double low = 0; low < 1 - 1e-9; low += width) {
            double high = Math.min(1.0, low + width);
            int n = 0;
            double conf = 0;
            double right = 0;
            for (double[] a : confidenceAndLabel) {
                if (a[0] >= low && (a[0] < high || (high >= 1.0 && a[0] <= 1.0))) {
                    n++;
                    conf += a[0];
                    right += a[1];
                }
            }
            out.add(new Bucket(low, high, n, n == 0 ? 0 : conf / n, n == 0 ? 0 : right / n));
        }
        return out;
    }

    private static double[] withBias(double[] x) {
        double[] out = new double[x.length + 1];
        out[0] = 1;
        System.arraycopy(x, 0, out, 1, x.length);
        return out;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    static double sigmoid(double z) {
        return 1.0 / (1.0 + Math.exp(-z));
    }

    /** Gaussian elimination with partial pivoting (the system is small and positive definite). */
    private static double[] solve(double[][] a, double[] b) {
        int n = b.length;
        double[][] m = new double[n][n + 1];
        for (int i = 0; i < n; i++) {
            System.arraycopy(a[i], 0, m[i], 0, n);
            m[i][n] = b[i];
        }
        for (int c = 0; c < n; c++) {
            int piv = c;
            for (int r = c + 1; r < n; r++) {
                if (Math.abs(m[r][c]) > Math.abs(m[piv][c])) {
                    piv = r;
                }
            }
            double[] t = m[c];
            m[c] = m[piv];
            m[piv] = t;
            if (Math.abs(m[c][c]) < 1e-12) {
                continue;
            }
            for (int r = 0; r < n; r++) {
                if (r != c) {
                    double f = m[r][c] / m[c][c];
                    for (int k = c; k <= n; k++) {
                        m[r][k] -= f * m[c][k];
                    }
                }
            }
        }
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = Math.abs(m[i][i]) < 1e-12 ? 0 : m[i][n] / m[i][i];
        }
        return x;
    }
}
