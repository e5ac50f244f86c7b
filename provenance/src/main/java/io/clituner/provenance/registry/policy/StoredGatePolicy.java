package io.clituner.provenance.registry.policy;

import io.clituner.core.SignedEnvelope;
import io.clituner.provenance.registry.Stage;
import java.time.Instant;

/** A gate policy as the registry holds it, with the administrator-signed change that set it. */
public record StoredGatePolicy(
        String scope,
        Stage stage,
        StagePolicy policy,
        SignedEnvelope envelope,
        long revision,
        String updatedBy,
        Instant updatedAt) {}
