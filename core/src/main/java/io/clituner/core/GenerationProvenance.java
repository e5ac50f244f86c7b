package io.clituner.core;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What a security reviewer needs to tie a command to the request and the model that produced it.
 * Hashes are lower-case hex SHA-256. Personal data never appears in clear: the user id only as a
 * salted hash, the query only as a hash.
 *
 * @param requestId         random UUID of this request
 * @param modelId           model name (e.g. the GGUF {@code general.name} or file name)
 * @param modelVersion      model version or quantization label
 * @param modelSha256       SHA-256 of the model file (or of the retrieval bank)
 * @param engine            engine that generated (e.g. "gguf", "retrieval")
 * @param timestamp         when the response was produced
 * @param userIdHash        SHA-256(salt ‖ user id), or {@code null} without a user id
 * @param queryHash         SHA-256 of the query exactly as received
 * @param promptHash        SHA-256 of the rendered prompt messages ({@code null} if never built)
 * @param command           the returned command; {@code null} unless the outcome is RETURNED
 * @param commandHash       SHA-256 of the extracted command (also for blocked ones), or {@code null}
 * @param outcome           how the request ended
 * @param risk              guardrail risk, or {@code null} when validation never ran
 * @param ruleIds           guardrail rules that fired
 * @param policyVersion     guardrail policy version, or {@code null}
 * @param ingressFlags      ingress heuristics that fired (stripped chat tokens, injection phrases)
 * @param fewShotExampleIds ids of the few-shot examples placed in the prompt
 * @param cacheHit          whether the command came from the response cache
 */
public record GenerationProvenance(
        String requestId,
        @Nullable String modelId,
        @Nullable String modelVersion,
        @Nullable String modelSha256,
        @Nullable String engine,
        Instant timestamp,
        @Nullable String userIdHash,
        String queryHash,
        @Nullable String promptHash,
        @Nullable String command,
        @Nullable String commandHash,
        ValidationOutcome outcome,
        @Nullable RiskLevel risk,
        List<String> ruleIds,
        @Nullable String policyVersion,
        List<String> ingressFlags,
        List<String> fewShotExampleIds,
        boolean cacheHit) {

    public GenerationProvenance {
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(queryHash, "queryHash");
        Objects.requireNonNull(outcome, "outcome");
        ruleIds = List.copyOf(ruleIds);
        ingressFlags = List.copyOf(ingressFlags);
        fewShotExampleIds = List.copyOf(fewShotExampleIds);
    }
}
