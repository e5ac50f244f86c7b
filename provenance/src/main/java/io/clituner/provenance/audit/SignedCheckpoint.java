package io.clituner.provenance.audit;

import io.clituner.core.egress.SignedEnvelope;

/** A checkpoint with the DSSE envelope that signs it. */
public record SignedCheckpoint(Checkpoint checkpoint, SignedEnvelope envelope) {}
