package io.clituner.core.engine;

import java.util.Objects;

/**
 * A known-good request → command pair placed in a prompt so small models imitate the style.
 *
 * @param id         stable id of the example (recorded in provenance)
 * @param query      natural-language request
 * @param command    the command for it
 * @param similarity similarity to the current query (cosine, -1..1), or 0 when not retrieved
 */
public record FewShotExample(String id, String query, String command, double similarity) {
    public FewShotExample {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(query, "query");
        Objects.requireNonNull(command, "command");
    }
}
