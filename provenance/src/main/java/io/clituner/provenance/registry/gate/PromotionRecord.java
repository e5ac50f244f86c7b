package io.clituner.provenance.registry.gate;

import io.clituner.provenance.registry.Stage;
import io.clituner.provenance.registry.VersionRef;
import java.time.Instant;
import java.util.List;

/** A stage change that happened, with the result of every gate that allowed it. */
public record PromotionRecord(VersionRef ref, Stage from, Stage to, String actor, Instant at, List<GateResult> gates) {
    public PromotionRecord {
        gates = List.copyOf(gates);
    }
}
