package io.clituner.provenance.registry.gate;

/**
 * One pluggable check a promotion must pass. Gates never throw for a failed check: they return a
 * failing {@link GateResult} with every reason, so a rejected promotion reports all of them at once.
 */
public interface PromotionGate {
    /** Stable id recorded with the result, e.g. {@code eval-thresholds}. */
    String id();

    GateResult evaluate(PromotionContext context);
}
