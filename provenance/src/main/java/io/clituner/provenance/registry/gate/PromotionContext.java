package io.clituner.provenance.registry.gate;

import io.clituner.provenance.registry.ModelVersion;
import io.clituner.provenance.registry.Stage;
import java.time.Instant;

/** What a gate sees: the version as stored, the stage asked for, the evidence supplied, and the time. */
public record PromotionContext(ModelVersion version, Stage target, PromotionEvidence evidence, Instant now) {}
