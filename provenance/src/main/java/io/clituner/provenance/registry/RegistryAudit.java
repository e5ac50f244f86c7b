package io.clituner.provenance.registry;

import io.clituner.core.egress.AuditEvent;
import io.clituner.core.egress.AuditSink;
import io.clituner.provenance.registry.access.Caller;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/** Builds and appends the registry's audit events ({@code registry.*}); the sink makes them durable. */
final class RegistryAudit {
    private final AuditSink sink;
    private final Clock clock;

    RegistryAudit(AuditSink sink, Clock clock) {
        this.sink = sink;
        this.clock = clock;
    }

    void append(String type, Caller actor, String... keyValues) {
        Map<String, String> attrs = new LinkedHashMap<>();
        for (int i = 0; i + 1 < keyValues.length; i += 2) {
            attrs.put(keyValues[i], keyValues[i + 1] == null ? "" : keyValues[i + 1]);
        }
        sink.append(new AuditEvent("registry." + type, actor.toString(), clock.instant(), attrs));
    }
}
