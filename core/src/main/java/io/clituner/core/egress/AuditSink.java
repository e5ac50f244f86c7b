package io.clituner.core.egress;

/**
 * SPI: where audit events go. The default implementation (module {@code provenance}) is an
 * append-only, fsynced, Merkle-tree-backed log. {@link #append} returns only once the event is
 * durable; it throws a {@link io.clituner.core.error.CliTunerException} (AUDIT_IO…) otherwise.
 */
public interface AuditSink {
    void append(AuditEvent event);
}
