package io.clituner.inference.remote.metrics;

import io.clituner.core.metrics.LatencySummary;
import java.util.Map;

/**
 * What this process observed of one model server: calls, outcomes, retries, tokens (the compute
 * it consumed) and the latency of successful calls.
 *
 * @param endpoint         base URL of the server
 * @param model            served model name
 * @param calls            generate calls made (each may span several attempts)
 * @param successes        calls that returned text
 * @param retries          extra attempts after retriable failures
 * @param failures         failed calls by {@link io.clituner.inference.remote.failure.RemoteFailure} name
 * @param promptTokens     prompt tokens the server reported
 * @param completionTokens completion tokens the server reported
 * @param latency          wall time of successful calls, retries included
 */
public record EndpointStats(
        String endpoint,
        String model,
        long calls,
        long successes,
        long retries,
        Map<String, Long> failures,
        long promptTokens,
        long completionTokens,
        LatencySummary latency) {
    public EndpointStats {
        failures = Map.copyOf(failures);
    }

    public long failed() {
        long n = 0;
        for (long v : failures.values()) {
            n += v;
        }
        return n;
    }
}
