package io.clituner.provenance.registry.gate;

import io.clituner.provenance.registry.ModelVersion;
import io.clituner.provenance.registry.Stage;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * What a gate sees: the version as stored, the stage asked for, the evidence supplied, the time,
 * the signed evaluation records attached to the version, and the key ids of the proposers (the
 * promoting caller and the version's registrant) for separation of duties.
 */
public record PromotionContext(
        ModelVersion version,
        Stage target,
        PromotionEvidence evidence,
        Instant now,
        List<StoredEvaluation> evaluations,
        Set<String> proposerKeyIds) {
    public PromotionContext {
        evaluations = List.copyOf(evaluations == null ? List.of() : evaluations);
        proposerKeyIds = Set.copyOf(proposerKeyIds == null ? Set.of() : proposerKeyIds);
    }

    public PromotionContext(ModelVersion version, Stage target, PromotionEvidence evidence, Instant now) {
        this(version, target, evidence, now, List.of(), Set.of());
    }
}
