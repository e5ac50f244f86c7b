package io.clituner.core.internal.cache;

import io.clituner.core.SafetyLevel;

/**
 * What a cached response depends on. Greedy decoding with a fixed seed and no prompt cache makes
 * the engine's output a function of these: model digest, normalized query, safety level, the
 * guardrail policy version and the prompt recipe (system prompt and few-shot bank).
 */
public record ResponseKey(
        String modelSha256,
        String normalizedQuery,
        SafetyLevel safetyLevel,
        String policyVersion,
        String promptFingerprint) {}
