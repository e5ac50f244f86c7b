package io.clituner.provenance.registry.store;

import io.clituner.provenance.registry.VersionRef;

/** Where an alias points now; {@code sequence} is the number of its latest move (the optimistic-lock token). */
public record AliasState(String model, String alias, VersionRef version, long sequence) {}
