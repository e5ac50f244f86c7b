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
 * Platt scaling over {@link AnswerFeatures}: confidence = σ(b + w·x), fitted by {@link PlattFit} to
 * measured correctness so that answers reported at 0.8 are right about 80% of the time on the set it
 * was fitted on. {@code threshold} is the confidence below which the engine answers NO_SUGGESTION,
 * chosen at fit time for a stated precision. Immutable and thread-safe.
 */
public record ConfidenceModel(double intercept, double[] weights, double threshold, String fittedOn) {
    static final String RESOURCE = "/io/clituner/inference/djl/calibration/confidence.properties";
    public static final String METHOD = "retrieval-platt";

    public ConfidenceModel {
        if (weights.length != AnswerFeatures.NAMES.length) {
            throw new ConfigurationException(ErrorCode.CONFIGURATION,
                    "confidence model needs " + AnswerFeatures.NAMES.length + " weights, got " + weights.length);
        }
        if (!(threshold >= 0 && threshold <= 1)) {
            throw new ConfigurationException(ErrorCode.CONFIGURATION, "confidence threshold must be within [0,1], got " + threshold);
        }
        weights = weights.clone();
    }

    @Override
    public double[] weights() {
        return weights.clone();
    }

    public double confidence(AnswerFeatures f) {
        double[] x = f.vector();
        double z = intercept;
        for (int i = 0; i < x.length; i++) {
            z += weights[i] * x[i];
        }
        return 1.0 / (1.0 + Math.exp(-z));
    }

    /** The model shipped with the engine. */
    public static ConfidenceModel builtIn() {
        try (InputStream in = ConfidenceModel.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new ConfigurationException(ErrorCode.CONFIGURATION, "confidence model resource " + RESOURCE + " missing from the jar");
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
        double[] w = new double[AnswerFeatures.NAMES.length];
        for (int i = 0; i < w.length; i++) {
            w[i] = number(p, "weight." + AnswerFeatures.NAMES[i]);
        }
        return new ConfidenceModel(number(p, "intercept"), w, number(p, "threshold"), p.getProperty("fittedOn", "unknown"));
    }

    private static double number(Properties p, String key) {
        String v = p.getProperty(key);
        if (v == null) {
            throw new ConfigurationException(ErrorCode.CONFIGURATION, "confidence model: missing key '" + key + "'");
        }
        try {
            return Double.parseDouble(v.trim());
        } catch (NumberFormatException e) {
            throw new ConfigurationException(ErrorCode.CONFIGURATION, "confidence model: '" + key + "' is not a number: " + v);
        }
    }

    /** The model in the resource's format (what {@link #read(Reader)} reads back). */
    public String write() {
        StringWriter out = new StringWriter();
        out.write("# Platt scaling of the retrieval engine's answer features; written by PlattFit.\n");
        out.write("fittedOn=" + fittedOn + "\n");
        out.write(String.format(Locale.ROOT, "intercept=%.6f%n", intercept));
        for (int i = 0; i < weights.length; i++) {
            out.write(String.format(Locale.ROOT, "weight.%s=%.6f%n", AnswerFeatures.NAMES[i], weights[i]));
        }
        out.write(String.format(Locale.ROOT, "threshold=%.4f%n", threshold));
        return out.toString();
    }

    @Override
    public String toString() {
        return "ConfidenceModel[b=" + intercept + ", w=" + Arrays.toString(weights) + ", threshold=" + threshold + ", " + fittedOn + "]";
    }
}
