package io.clituner.core.metrics;

import io.clituner.core.RiskLevel;
import io.clituner.core.ValidationOutcome;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Lock-free counters and per-stage latency histograms (HdrHistogram {@link Recorder}: writers
 * never block, readers take interval snapshots that are merged into a running total).
 */
public final class PipelineMetrics {
    private static final long MAX_TRACKABLE_NANOS = 3_600_000_000_000L;

    private final EnumMap<PipelineStage, Recorder> recorders = new EnumMap<>(PipelineStage.class);
    private final EnumMap<PipelineStage, Histogram> totals = new EnumMap<>(PipelineStage.class);
    private final EnumMap<ValidationOutcome, LongAdder> outcomes = new EnumMap<>(ValidationOutcome.class);
    private final EnumMap<RiskLevel, LongAdder> risks = new EnumMap<>(RiskLevel.class);
    private final Map<String, LongAdder> failures = new ConcurrentHashMap<>();
    private final LongAdder cacheHits = new LongAdder();

    public PipelineMetrics() {
        for (PipelineStage s : PipelineStage.values()) {
            recorders.put(s, new Recorder(MAX_TRACKABLE_NANOS, 2));
            totals.put(s, new Histogram(MAX_TRACKABLE_NANOS, 2));
        }
        for (ValidationOutcome o : ValidationOutcome.values()) {
            outcomes.put(o, new LongAdder());
        }
        for (RiskLevel r : RiskLevel.values()) {
            risks.put(r, new LongAdder());
        }
    }

    public void recordLatency(PipelineStage stage, long nanos) {
        Objects.requireNonNull(recorders.get(stage)).recordValue(Math.max(0, Math.min(nanos, MAX_TRACKABLE_NANOS)));
    }

    public void recordOutcome(ValidationOutcome outcome) {
        Objects.requireNonNull(outcomes.get(outcome)).increment();
    }

    public void recordRisk(RiskLevel risk) {
        Objects.requireNonNull(risks.get(risk)).increment();
    }

    public void recordFailure(String reason) {
        failures.computeIfAbsent(reason, k -> new LongAdder()).increment();
    }

    public void recordCacheHit() {
        cacheHits.increment();
    }

    public synchronized MetricsSnapshot snapshot() {
        EnumMap<PipelineStage, LatencySummary> latency = new EnumMap<>(PipelineStage.class);
        for (PipelineStage s : PipelineStage.values()) {
            Histogram total = Objects.requireNonNull(totals.get(s));
            total.add(Objects.requireNonNull(recorders.get(s)).getIntervalHistogram());
            latency.put(
                    s,
                    new LatencySummary(
                            total.getTotalCount(),
                            total.getValueAtPercentile(50) / 1000.0,
                            total.getValueAtPercentile(95) / 1000.0,
                            total.getValueAtPercentile(99) / 1000.0,
                            total.getMaxValue() / 1000.0));
        }
        EnumMap<ValidationOutcome, Long> o = new EnumMap<>(ValidationOutcome.class);
        outcomes.forEach((k, v) -> o.put(k, v.sum()));
        EnumMap<RiskLevel, Long> r = new EnumMap<>(RiskLevel.class);
        risks.forEach((k, v) -> r.put(k, v.sum()));
        Map<String, Long> f = new TreeMap<>();
        failures.forEach((k, v) -> f.put(k, v.sum()));
        return new MetricsSnapshot(latency, o, f, r, cacheHits.sum());
    }
}
