package io.clituner.inference.remote.metrics;

import io.clituner.core.metrics.LatencySummary;
import io.clituner.inference.remote.failure.RemoteFailure;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Per-endpoint counters and latency histograms, shared by every engine that talks to the same
 * server (a routed translator passes one instance to all its engines). Lock-free on the write side,
 * like the pipeline's own metrics.
 */
public final class EndpointMetrics {
    private static final long MAX_NANOS = 3_600_000_000_000L;

    private final ConcurrentHashMap<String, Series> series = new ConcurrentHashMap<>();

    private static final class Series {
        final String endpoint;
        final String model;
        final LongAdder calls = new LongAdder();
        final LongAdder successes = new LongAdder();
        final LongAdder retries = new LongAdder();
        final LongAdder promptTokens = new LongAdder();
        final LongAdder completionTokens = new LongAdder();
        final Map<RemoteFailure, LongAdder> failures = new ConcurrentHashMap<>();
        final Recorder recorder = new Recorder(MAX_NANOS, 2);
        final Histogram total = new Histogram(MAX_NANOS, 2);

        Series(String endpoint, String model) {
            this.endpoint = endpoint;
            this.model = model;
        }
    }

    private Series of(String endpoint, String model) {
        return series.computeIfAbsent(endpoint + " " + model, k -> new Series(endpoint, model));
    }

    public void success(
            String endpoint, String model, long nanos, int attempts, int promptTokens, int completionTokens) {
        Series s = of(endpoint, model);
        s.calls.increment();
        s.successes.increment();
        s.retries.add(attempts - 1L);
        s.promptTokens.add(promptTokens);
        s.completionTokens.add(completionTokens);
        s.recorder.recordValue(Math.max(0, Math.min(nanos, MAX_NANOS)));
    }

    public void failure(String endpoint, String model, RemoteFailure kind, int attempts) {
        Series s = of(endpoint, model);
        s.calls.increment();
        s.retries.add(Math.max(0, attempts - 1L));
        s.failures.computeIfAbsent(kind, k -> new LongAdder()).increment();
    }

    /** One entry per endpoint and model, sorted by endpoint. */
    public synchronized List<EndpointStats> snapshot() {
        List<EndpointStats> out = new ArrayList<>();
        for (Series s : new TreeMap<>(series).values()) {
            s.total.add(s.recorder.getIntervalHistogram());
            Histogram h = s.total;
            Map<String, Long> failures = new TreeMap<>();
            s.failures.forEach((k, v) -> failures.put(k.name(), v.sum()));
            out.add(new EndpointStats(
                    s.endpoint,
                    s.model,
                    s.calls.sum(),
                    s.successes.sum(),
                    s.retries.sum(),
                    failures,
                    s.promptTokens.sum(),
                    s.completionTokens.sum(),
                    new LatencySummary(
                            h.getTotalCount(),
                            h.getValueAtPercentile(50) / 1000.0,
                            h.getValueAtPercentile(95) / 1000.0,
                            h.getValueAtPercentile(99) / 1000.0,
                            h.getMaxValue() / 1000.0)));
        }
        return out;
    }
}
