package io.clituner.core.engine;

import java.util.Map;
import java.util.Objects;

/**
 * Which model an engine runs: what provenance records and the response cache keys on.
 *
 * @param id       model name
 * @param version  version or quantization label
 * @param sha256   SHA-256 of the model file or bank (hex)
 * @param engine   engine name ("gguf", "retrieval"…)
 * @param metadata facts read from the model (architecture, quantization, parameters, context…)
 */
public record ModelIdentity(String id, String version, String sha256, String engine, Map<String, String> metadata) {
    public ModelIdentity {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(sha256, "sha256");
        Objects.requireNonNull(engine, "engine");
        metadata = Map.copyOf(metadata);
    }
}
