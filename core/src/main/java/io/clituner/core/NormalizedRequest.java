package io.clituner.core;

import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A request that passed the ingress guard: the query with chat-template tokens removed, Unicode
 * NFKC-normalized and whitespace collapsed (case and file names untouched).
 *
 * @param originalQuery  the query exactly as the caller sent it (hashed into provenance)
 * @param text           the normalized query every later stage sees
 * @param ingressFlags   heuristics that fired at ingress (stripped tokens, injection phrases)
 */
public record NormalizedRequest(
        String originalQuery,
        String text,
        String shellType,
        SafetyLevel safetyLevel,
        @Nullable String userId,
        List<String> ingressFlags) {

    public NormalizedRequest {
        Objects.requireNonNull(originalQuery, "originalQuery");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(shellType, "shellType");
        Objects.requireNonNull(safetyLevel, "safetyLevel");
        ingressFlags = List.copyOf(ingressFlags);
    }

    /** For engines and tests that start from already clean text, in bash (the one shell ingress admits). */
    public static NormalizedRequest of(String text, SafetyLevel level) {
        return new NormalizedRequest(text, text, "bash", level, null, List.of());
    }

    @Override
    public String toString() {
        return "NormalizedRequest[text=" + text + ", safetyLevel=" + safetyLevel + ", flags=" + ingressFlags + "]";
    }
}
