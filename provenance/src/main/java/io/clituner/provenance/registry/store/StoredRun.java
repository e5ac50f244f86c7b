package io.clituner.provenance.registry.store;

import io.clituner.provenance.registry.training.RunRecord;
import java.time.Instant;

/** A reproducibility record as stored: its digest, the record, and who registered it first. */
public record StoredRun(String digest, RunRecord record, String registeredBy, Instant registeredAt) {}
