package io.clituner.inference.djl.bank;

import java.util.Objects;

/**
 * One known-good request → command pair.
 *
 * @param id      stable id: the bank's name and the first 12 hex digits of the pair's SHA-256
 *                (survives reordering and edits elsewhere in the file; recorded in provenance)
 * @param query   the natural-language request
 * @param command the bash command for it
 */
public record Example(String id, String query, String command) {
    public Example {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(query, "query");
        Objects.requireNonNull(command, "command");
    }
}
