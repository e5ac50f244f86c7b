package io.clituner.provenance.registry.gate;

import io.clituner.core.SignedEnvelope;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What a promoter brings besides the version itself: the safety benchmark result and signed
 * approvals (DSSE envelopes made with {@link PromotionApprovals#sign}).
 */
public record PromotionEvidence(@Nullable SafetyBenchmarkResult safety, List<SignedEnvelope> approvals) {
    public static final PromotionEvidence NONE = new PromotionEvidence(null, List.of());

    public PromotionEvidence {
        approvals = List.copyOf(approvals == null ? List.of() : approvals);
    }
}
