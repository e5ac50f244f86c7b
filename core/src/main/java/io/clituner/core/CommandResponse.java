package io.clituner.core;

import io.clituner.core.egress.SignedEnvelope;
import java.util.Objects;
import java.util.Optional;

/**
 * The validated, immutable answer. Nothing here has been executed; the library never executes.
 * A DANGEROUS command never reaches a response: the pipeline throws
 * {@link io.clituner.core.error.CommandBlockedException} instead, so {@link #risk()} is SAFE or REVIEW.
 *
 * @param command    the single bash command
 * @param risk       SAFE or REVIEW
 * @param confidence 0..1, as the engine derived it (see {@link RawModelOutput#confidenceMethod()})
 * @param warning    why a REVIEW command needs a look, or {@code null} for SAFE
 * @param provenance what produced it, hashed and identified
 * @param signature  DSSE envelope over the provenance when a signer is configured, else {@code null}
 */
public record CommandResponse(
        String command, RiskLevel risk, double confidence, String warning, GenerationProvenance provenance,
        SignedEnvelope signature) {

    public CommandResponse {
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(risk, "risk");
        Objects.requireNonNull(provenance, "provenance");
        if (risk == RiskLevel.DANGEROUS) {
            throw new IllegalArgumentException("a DANGEROUS command is never a response");
        }
    }

    public Optional<String> warningMessage() {
        return Optional.ofNullable(warning);
    }

    public Optional<SignedEnvelope> signedProvenance() {
        return Optional.ofNullable(signature);
    }

    public CommandResponse withSignature(SignedEnvelope envelope) {
        return new CommandResponse(command, risk, confidence, warning, provenance, envelope);
    }
}
