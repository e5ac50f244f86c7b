package io.clituner.provenance.audit;

import io.clituner.core.SignedEnvelope;

/** A checkpoint with the DSSE envelope that signs it. */
public record SignedCheckpoint(Checkpoint checkpoint, SignedEnvelope envelope) {}
