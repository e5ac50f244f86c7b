package io.clituner.core.egress;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One mutating action of the library (a generation, a block, a promotion, an access decision…).
 * Attributes are flat strings so that every event serializes canonically.
 *
 * @param type       dotted event type, e.g. {@code generation.returned}, {@code registry.promote}
 * @param actor      who acted (service id, "pipeline", a user's hash); never a secret
 * @param time       when it happened
 * @param attributes sorted key/value facts
 */
public record AuditEvent(String type, String actor, Instant time, Map<String, String> attributes) {
    public AuditEvent {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(time, "time");
        attributes = java.util.Collections.unmodifiableMap(new TreeMap<>(attributes));
    }
}
