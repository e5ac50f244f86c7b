package io.clituner.provenance.registry;

import io.clituner.core.error.CliTunerException;
import io.clituner.core.error.ErrorCode;
import java.util.Map;

/** One rule for every metric and threshold the registry accepts: a finite number (NaN passes no comparison honestly). */
public final class Metrics {
    private Metrics() {}

    public static double requireFinite(String what, Double value) {
        if (value == null || !Double.isFinite(value)) {
            throw new CliTunerException(ErrorCode.REGISTRY_INVALID, what + " = " + value + " is not a finite number");
        }
        return value;
    }

    public static <M extends Map<String, Double>> M requireFinite(M metrics) {
        metrics.forEach((k, v) -> {
            if (k == null || k.isBlank()) {
                throw new CliTunerException(ErrorCode.REGISTRY_INVALID, "a metric needs a name");
            }
            requireFinite("metric " + k, v);
        });
        return metrics;
    }
}
