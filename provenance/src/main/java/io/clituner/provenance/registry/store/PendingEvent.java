package io.clituner.provenance.registry.store;

/** An audit event written in the transaction of the change it records, not yet moved to the audit sink. */
public record PendingEvent(long seq, String eventJson) {}
