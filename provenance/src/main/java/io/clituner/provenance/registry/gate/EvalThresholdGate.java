package io.clituner.provenance.registry.gate;

import io.clituner.provenance.registry.Metrics;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Every named metric recorded on the version must reach its minimum, e.g.
 * {@code exact_match ≥ 0.80, command_only ≥ 0.98}. A metric that was never recorded fails.
 */
public record EvalThresholdGate(Map<String, Double> minimums) implements PromotionGate {
    public EvalThresholdGate {
        if (minimums == null || minimums.isEmpty()) {
            throw new IllegalArgumentException("an evaluation gate needs at least one metric minimum");
        }
        minimums.forEach((k, v) -> Metrics.requireFinite("minimum for metric " + k, v));
        minimums = java.util.Collections.unmodifiableMap(new TreeMap<>(minimums));
    }

    @Override
    public String id() {
        return "eval-thresholds";
    }

    @Override
    public GateResult evaluate(PromotionContext ctx) {
        List<String> reasons = new ArrayList<>();
        Map<String, String> details = new TreeMap<>();
        minimums.forEach((metric, min) -> {
            Double v = ctx.version().metrics().get(metric);
            details.put(metric, (v == null ? "missing" : v.toString()) + " (min " + min + ")");
            if (v == null) {
                reasons.add("metric " + metric + " was never recorded for "
                        + ctx.version().ref() + "; record an evaluation first");
            } else if (!Double.isFinite(v) || v < min) {
                reasons.add("metric " + metric + " = " + v + " is below the minimum " + min);
            }
        });
        return reasons.isEmpty() ? GateResult.pass(id(), details) : GateResult.fail(id(), reasons, details);
    }
}
