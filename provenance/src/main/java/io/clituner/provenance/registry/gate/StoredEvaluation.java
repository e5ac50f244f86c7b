package io.clituner.provenance.registry.gate;

import io.clituner.core.SignedEnvelope;
import io.clituner.provenance.registry.VersionRef;
import java.time.Instant;

/** A signed evaluation record attached to a version; its signature is checked against the gate policy at promotion. */
public record StoredEvaluation(
        VersionRef version, String digest, SignedEnvelope envelope, String recordedBy, Instant recordedAt) {}
