package io.clituner.provenance.registry.training;

import java.time.Instant;

/** A recorded decision that a PII dataset may be used for training, with who decided and why. */
public record PiiApproval(String datasetSha256, String approver, String reason, Instant at) {}
