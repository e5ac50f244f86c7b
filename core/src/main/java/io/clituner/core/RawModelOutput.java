package io.clituner.core;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What an engine produced. <strong>Always untrusted</strong>: nothing reads {@link #text()} as a
 * command until the output validator has extracted and judged it.
 *
 * @param text             the raw generated text
 * @param confidence       0..1, derived as {@link #confidenceMethod()} says; never invented
 * @param confidenceMethod how the confidence was computed (e.g. "retrieval-cosine", "grammar-stop-heuristic")
 * @param promptTokens     tokens in the prompt (0 when the engine has no tokenizer)
 * @param completionTokens tokens generated
 * @param elapsed          wall time of the generation
 * @param details          engine-specific facts worth recording (stop reason, example id…)
 * @param alternatives     other answers, best first, as untrusted as {@link #text()}: the pipeline validates each
 */
public record RawModelOutput(
        String text,
        double confidence,
        String confidenceMethod,
        int promptTokens,
        int completionTokens,
        Duration elapsed,
        Map<String, String> details,
        List<Candidate> alternatives) {

    /** Another answer an engine offers; untrusted text with a confidence on the same scale. */
    public record Candidate(String text, double confidence) {
        public Candidate {
            Objects.requireNonNull(text, "text");
            if (!(confidence >= 0.0 && confidence <= 1.0)) {
                throw new IllegalArgumentException("confidence must be within [0,1]: " + confidence);
            }
        }
    }

    /** One answer, no alternatives. */
    public RawModelOutput(
            String text,
            double confidence,
            String confidenceMethod,
            int promptTokens,
            int completionTokens,
            Duration elapsed,
            Map<String, String> details) {
        this(text, confidence, confidenceMethod, promptTokens, completionTokens, elapsed, details, List.of());
    }

    public RawModelOutput {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(confidenceMethod, "confidenceMethod");
        Objects.requireNonNull(elapsed, "elapsed");
        if (!(confidence >= 0.0 && confidence <= 1.0)) {
            throw new IllegalArgumentException("confidence must be within [0,1]: " + confidence);
        }
        details = Map.copyOf(details);
        alternatives = alternatives == null ? List.of() : List.copyOf(alternatives);
    }
}
