package io.clituner.provenance.registry;

import java.time.Instant;
import java.util.Objects;

/** A named model; its versions carry the artifacts, stages and lineage. */
public record RegisteredModel(String name, String description, String createdBy, Instant createdAt) {
    public RegisteredModel {
        Names.model(name);
        description = description == null ? "" : description;
        Objects.requireNonNull(createdBy, "createdBy");
        Objects.requireNonNull(createdAt, "createdAt");
    }
}
