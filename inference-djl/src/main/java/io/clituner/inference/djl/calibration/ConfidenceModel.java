package io.clituner.inference.djl.calibration;

import io.clituner.core.error.ConfigurationException;
import io.clituner.core.error.ErrorCode;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Properties;

/**
 * Platt scaling over {@link AnswerFeatures} followed by an isotonic map: s = σ(b + w·x) orders the
 * answers, and the isotonic step function (pool-adjacent-violators on the fit set, interpolated
 * between block centres) turns s into the measured share of right answers, so that answers reported
 * at 0.8 are right about 80% of the time on the set it was fitted on. {@code threshold} is the
 * confidence below which the engine answers NO_SUGGESTION, chosen at fit time (see {@link PlattFit}).
 * Without isotonic points the confidence is s itself. Immutable and thread-safe.
 */
@SuppressWarnings("ArrayRecordComponent") // fitted coefficients, read-only after loading
public record ConfidenceModel(
        double intercept, double[] weights, double threshold, String fittedOn, double[] isotonicX, double[] isotonicY) {
    static final String RESOURCE = "/io/clituner/inference/djl/calibration/confidence.properties";
    public static final String METHOD = "retrieval-platt";

    public ConfidenceModel {
        if (weights.length != AnswerFeatures.NAMES.size()) {
            throw new ConfigurationException(
                    ErrorCode.CONFIGURATION,
                    "confidence model needs " + AnswerFeatures.NAMES.size() + " weights, got " + weights.length);
        }
        if (!(threshold >= 0 && threshold <= 1)) {
            throw new ConfigurationException(
                    ErrorCode.CONFIGURATION, "confidence threshold must be within [0,1], got " + threshold);
        }
        weights = weights.clone();
        isotonicX = isotonicX == null ? new double[0] : isotonicX.clone();
        isotonicY = isotonicY == null ? new double[0] : isotonicY.clone();
        if (isotonicX.length != isotonicY.length) {
            throw new ConfigurationException(ErrorCode.CONFIGURATION, "isotonic map needs as many x as y points");
        }
    }

    public ConfidenceModel(double intercept, double[] weights, double threshold, String fittedOn) {
        this(intercept, weights, threshold, fittedOn, new double[0], new double[0]);
    }

    @Override
    public double[] weights() {
        return weights.clone();
    }

    public double confidence(AnswerFeatures f) {
        return isotonic(score(f));
    }

    /** The Platt score σ(b + w·x), before the isotonic map. */
    public double score(AnswerFeatures f) {
        double[] x = f.vector();
        double z = intercept;
        for (int i = 0; i < x.length; i++) {
            z += weights[i] * x[i];
        }
        return 1.0 / (1.0 + Math.exp(-z));
    }

    private double isotonic(double s) {
        int n = isotonicX.length;
        if (n == 0) {
            return s;
        }
        if (s <= isotonicX[0]) {
            return isotonicY[0];
        }
        if (s >= isotonicX[n - 1]) {
            return isotonicY[n - 1];
        }
        int i = 1;
        while (isotonicX[i] < s) {
            i++;
        }
        double t = (s - isotonicX[i - 1]) / (isotonicX[i] - isotonicX[i - 1]);
        return isotonicY[i - 1] + t * (isotonicY[i] - isotonicY[i - 1]);
    }

    public ConfidenceModel withIsotonic(double[] x, double[] y) {
        return new ConfidenceModel(intercept, weights, threshold, fittedOn, x, y);
    }

    @Override
    public double[] isotonicX() {
        return isotonicX.clone();
    }

    @Override
    public double[] isotonicY() {
        return isotonicY.clone();
    }

    public ConfidenceModel withThreshold(double newThreshold) {
        return new ConfidenceModel(intercept, weights, newThreshold, fittedOn, isotonicX, isotonicY);
    }

    /** The model shipped with the engine. */
    public static ConfidenceModel builtIn() {
        try (InputStream in = ConfidenceModel.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new ConfigurationException(
                        ErrorCode.CONFIGURATION, "confidence model resource " + RESOURCE + " missing from the jar");
            }
            Properties p = new Properties();
            p.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
            return read(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static ConfidenceModel read(Reader reader) throws IOException {
        Properties p = new Properties();
        p.load(reader);
        return read(p);
    }

    private static ConfidenceModel read(Properties p) {
        double[] w = new double[AnswerFeatures.NAMES.size()];
        for (int i = 0; i < w.length; i++) {
            w[i] = number(p, "weight." + AnswerFeatures.NAMES.get(i));
        }
        return new ConfidenceModel(
                number(p, "intercept"),
                w,
                number(p, "threshold"),
                p.getProperty("fittedOn", "unknown"),
                numbers(p, "isotonic.x"),
                numbers(p, "isotonic.y"));
    }

    private static double[] numbers(Properties p, String key) {
        String v = p.getProperty(key, "").trim();
        if (v.isEmpty()) {
            return new double[0];
        }
        try {
            return Arrays.stream(v.split(","))
                    .mapToDouble(x -> Double.parseDouble(x.trim()))
                    .toArray();
        } catch (NumberFormatException e) {
            throw new ConfigurationException(
                    ErrorCode.CONFIGURATION, "confidence model: '" + key + "' is not a list of numbers: " + v);
        }
    }

    private static double number(Properties p, String key) {
        String v = p.getProperty(key);
        if (v == null) {
            throw new ConfigurationException(ErrorCode.CONFIGURATION, "confidence model: missing key '" + key + "'");
        }
        try {
            return Double.parseDouble(v.trim());
        } catch (NumberFormatException e) {
            throw new ConfigurationException(
                    ErrorCode.CONFIGURATION, "confidence model: '" + key + "' is not a number: " + v);
        }
    }

    /** The model in the resource's format (what {@link #read(Reader)} reads back). */
    public String write() {
        StringWriter out = new StringWriter();
        out.write("# Platt scaling of the retrieval engine's answer features; written by PlattFit.\n");
        out.write("fittedOn=" + fittedOn + "\n");
        out.write(String.format(Locale.ROOT, "intercept=%.6f%n", intercept));
        for (int i = 0; i < weights.length; i++) {
            out.write(String.format(Locale.ROOT, "weight.%s=%.6f%n", AnswerFeatures.NAMES.get(i), weights[i]));
        }
        out.write(String.format(Locale.ROOT, "threshold=%.4f%n", threshold));
        out.write("isotonic.x=" + join(isotonicX) + "\n");
        out.write("isotonic.y=" + join(isotonicY) + "\n");
        return out.toString();
    }

    private static String join(double[] v) {
        StringBuilder sb = new StringBuilder();
        for (double d : v) {
            sb.append(sb.length() == 0 ? "" : ",").append(String.format(Locale.ROOT, "%.5f", d));
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return "ConfidenceModel[b=" + intercept + ", w=" + Arrays.toString(weights) + ", isotonic " + isotonicX.length
                + " points, threshold=" + threshold + ", " + fittedOn + "]";
    }
}
