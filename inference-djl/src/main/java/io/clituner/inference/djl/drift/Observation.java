package io.clituner.inference.djl.drift;

import io.clituner.core.RiskLevel;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One request as the drift monitor sees it.
 *
 * @param query   the (normalized) request text
 * @param risk    the guardrail's verdict on the answer, or null when no command was returned
 * @param command the returned command, or null when none
 */
public record Observation(
        String query, @Nullable RiskLevel risk, @Nullable String command) {
    public Observation {
        Objects.requireNonNull(query, "query");
    }

    /** A request whose output is unknown (e.g. only queries were logged). */
    public static Observation query(String query) {
        return new Observation(query, null, null);
    }
}
