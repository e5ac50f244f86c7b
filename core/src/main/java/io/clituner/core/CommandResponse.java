package io.clituner.core;

import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

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
 * @param alternatives other answers the engine offered, best first, each validated by the same guardrail
 *                   (never DANGEROUS); a host can show them as choices. Empty when the engine gave one answer.
 */
public record CommandResponse(
        String command,
        RiskLevel risk,
        double confidence,
        @Nullable String warning,
        GenerationProvenance provenance,
        @Nullable SignedEnvelope signature,
        List<Alternative> alternatives) {

    /**
     * Another validated answer to the same request.
     *
     * @param command    the single bash command
     * @param risk       SAFE or REVIEW
     * @param confidence 0..1, on the same scale as the response's
     * @param warning    why a REVIEW command needs a look, or {@code null}
     */
    public record Alternative(
            String command,
            RiskLevel risk,
            double confidence,
            @Nullable String warning) {
        public Alternative {
            Objects.requireNonNull(command, "command");
            Objects.requireNonNull(risk, "risk");
            if (risk == RiskLevel.DANGEROUS) {
                throw new IllegalArgumentException("a DANGEROUS command is never an alternative");
            }
        }
    }

    public CommandResponse {
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(risk, "risk");
        Objects.requireNonNull(provenance, "provenance");
        if (risk == RiskLevel.DANGEROUS) {
            throw new IllegalArgumentException("a DANGEROUS command is never a response");
        }
        alternatives = alternatives == null ? List.of() : List.copyOf(alternatives);
    }

    /** A response without alternatives (the shape before alternatives existed). */
    public CommandResponse(
            String command,
            RiskLevel risk,
            double confidence,
            String warning,
            GenerationProvenance provenance,
            SignedEnvelope signature) {
        this(command, risk, confidence, warning, provenance, signature, List.of());
    }

    public CommandResponse withSignature(SignedEnvelope envelope) {
        return new CommandResponse(command, risk, confidence, warning, provenance, envelope, alternatives);
    }
}
