package io.clituner.inference.djl.drift;

import io.clituner.core.egress.AuditEvent;
import io.clituner.core.egress.AuditSink;
import io.clituner.core.error.ConfigurationException;
import io.clituner.core.error.ErrorCode;
import io.clituner.inference.djl.embedding.EmbeddingModel;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Watches live traffic: keeps the last {@code windowSize} requests and, every {@code checkEvery}
 * requests once the window is full, compares it with the reference the model was validated on.
 * Reports at WARN or ALERT go to the listener and, as {@code drift.warn} / {@code drift.alert}
 * events, to the audit sink. The reference's embeddings are computed once. Thread-safe
 * (observations are serialized).
 */
public final class DriftMonitor {
    private final DriftDetector detector;
    private final EmbeddingModel model;
    private final List<Observation> reference;
    private final float[][] referenceVectors;
    private final int windowSize;
    private final int checkEvery;
    private final @Nullable DriftListener listener;
    private final @Nullable AuditSink audit;
    private final Clock clock;
    private final Deque<Observation> window = new ArrayDeque<>();
    private final Deque<float[]> windowVectors = new ArrayDeque<>();
    private long seen;

    private DriftMonitor(Builder b) {
        this.model = b.model;
        this.detector = new DriftDetector(b.model, b.thresholds, b.seed);
        this.reference = List.copyOf(b.reference);
        this.referenceVectors =
                b.model.embedAll(reference.stream().map(Observation::query).toList());
        this.windowSize = b.windowSize;
        this.checkEvery = b.checkEvery;
        this.listener = b.listener;
        this.audit = b.audit;
        this.clock = b.clock;
    }

    public static Builder builder(EmbeddingModel model) {
        return new Builder(model);
    }

    /** Adds a request; returns the report when this observation triggered a check. */
    public synchronized Optional<DriftReport> observe(Observation observation) {
        Objects.requireNonNull(observation, "observation");
        window.addLast(observation);
        windowVectors.addLast(model.embed(observation.query()));
        if (window.size() > windowSize) {
            window.removeFirst();
            windowVectors.removeFirst();
        }
        seen++;
        if (window.size() < windowSize || seen % checkEvery != 0) {
            return Optional.empty();
        }
        return Optional.of(check());
    }

    /** Compares the current window (whatever its size, at least 2) with the reference now. */
    public synchronized DriftReport check() {
        DriftReport report = detector.compare(
                reference, referenceVectors, new ArrayList<>(window), windowVectors.toArray(new float[0][]));
        if (report.drifted()) {
            if (listener != null) {
                listener.onDrift(report);
            }
            if (audit != null) {
                audit.append(new AuditEvent(
                        report.severity() == DriftReport.Severity.ALERT ? "drift.alert" : "drift.warn",
                        "drift-monitor",
                        clock.instant(),
                        attributes(report)));
            }
        }
        return report;
    }

    static Map<String, String> attributes(DriftReport r) {
        Map<String, String> a = new LinkedHashMap<>();
        a.put("severity", r.severity().name());
        a.put("referenceSize", Integer.toString(r.referenceSize()));
        a.put("windowSize", Integer.toString(r.currentSize()));
        a.put("mmd2", String.format(Locale.ROOT, "%.6f", r.mmd().mmd2()));
        a.put("mmdPValue", String.format(Locale.ROOT, "%.4f", r.mmd().pValue()));
        a.put("psiRisk", Double.isNaN(r.psiRisk()) ? "n/a" : String.format(Locale.ROOT, "%.4f", r.psiRisk()));
        a.put(
                "psiPrograms",
                Double.isNaN(r.psiPrograms()) ? "n/a" : String.format(Locale.ROOT, "%.4f", r.psiPrograms()));
        a.put("reasons", String.join("; ", r.reasons()));
        return a;
    }

    public synchronized int windowFill() {
        return window.size();
    }

    /** Builds a {@link DriftMonitor}; a reference of at least 2 requests is required. */
    public static final class Builder {
        private final EmbeddingModel model;
        private List<Observation> reference = List.of();
        private DriftThresholds thresholds = DriftThresholds.defaults();
        private int windowSize = 200;
        private int checkEvery = 50;
        private long seed = 42;
        private @Nullable DriftListener listener;
        private @Nullable AuditSink audit;
        private Clock clock = Clock.systemUTC();

        private Builder(EmbeddingModel model) {
            this.model = Objects.requireNonNull(model, "model");
        }

        public Builder reference(List<Observation> reference) {
            this.reference = List.copyOf(reference);
            return this;
        }

        public Builder thresholds(DriftThresholds thresholds) {
            this.thresholds = Objects.requireNonNull(thresholds, "thresholds");
            return this;
        }

        /** Requests in the sliding window, and how many new requests between two checks. */
        public Builder window(int size, int checkEvery) {
            if (size < 2 || checkEvery < 1) {
                throw new ConfigurationException(
                        ErrorCode.DRIFT_CONFIG,
                        "window size must be >= 2 and checkEvery >= 1, got " + size + ", " + checkEvery);
            }
            this.windowSize = size;
            this.checkEvery = checkEvery;
            return this;
        }

        /** Seed of the permutation test: the same traffic always gives the same p-values. */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        public Builder listener(DriftListener listener) {
            this.listener = listener;
            return this;
        }

        public Builder auditSink(AuditSink sink) {
            this.audit = sink;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        public DriftMonitor build() {
            if (reference.size() < 2) {
                throw new ConfigurationException(
                        ErrorCode.DRIFT_CONFIG,
                        "a drift monitor needs a reference of at least 2 requests, got " + reference.size());
            }
            return new DriftMonitor(this);
        }
    }
}
