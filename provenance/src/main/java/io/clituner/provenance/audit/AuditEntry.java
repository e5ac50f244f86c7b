package io.clituner.provenance.audit;

import io.clituner.core.egress.AuditEvent;

/**
 * One log entry as read back.
 *
 * @param index    position in the log
 * @param event    the event
 * @param prevLeaf leaf hash of the previous entry (64 zeros for the first)
 * @param leafHash this entry's leaf hash
 */
public record AuditEntry(long index, AuditEvent event, String prevLeaf, String leafHash) {}
