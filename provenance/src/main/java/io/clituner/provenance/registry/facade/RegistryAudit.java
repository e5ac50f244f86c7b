package io.clituner.provenance.registry.facade;

import com.fasterxml.jackson.databind.JsonNode;
import io.clituner.core.egress.AuditEvent;
import io.clituner.core.egress.AuditSink;
import io.clituner.core.error.CliTunerException;
import io.clituner.core.error.ErrorCode;
import io.clituner.provenance.crypto.CanonicalJson;
import io.clituner.provenance.registry.access.Caller;
import io.clituner.provenance.registry.store.PendingEvent;
import io.clituner.provenance.registry.store.RegistryStore;
import io.clituner.provenance.registry.store.RegistryTransaction;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Builds the registry's audit events ({@code registry.*}) and gets them to the sink so that a change
 * and its event exist together or not at all: a change's event is written to the store's outbox in
 * the change's own transaction and moved to the sink after the commit ({@link #drain}). A process
 * that dies between the commit and the move leaves the event in the outbox, and the next registry
 * built on the store (or the next change) appends it; one that dies after the append but before the
 * outbox row is deleted appends it again: an identical event (same time, same attributes), never a
 * missing one. Decisions that change nothing (access checks, rejected promotions) go to the sink
 * directly.
 */
final class RegistryAudit {
    private final AuditSink sink;
    private final Clock clock;

    RegistryAudit(AuditSink sink, Clock clock) {
        this.sink = sink;
        this.clock = clock;
    }

    /** The event of a change, written in the change's transaction. */
    void append(RegistryTransaction tx, String type, Caller actor, @Nullable String... keyValues) {
        AuditEvent e = event(type, actor, keyValues);
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("type", e.type());
        doc.put("actor", e.actor());
        doc.put("time", e.time().toString());
        doc.put("attributes", e.attributes());
        tx.enqueueEvent(new String(CanonicalJson.write(doc), StandardCharsets.UTF_8));
    }

    /** An event that records a decision, not a change: appended at once. */
    void appendNow(String type, Caller actor, @Nullable String... keyValues) {
        sink.append(event(type, actor, keyValues));
    }

    /**
     * Moves every outboxed event to the sink, oldest first, each in its own transaction (append,
     * then delete the row), so a sink failure leaves the rest queued rather than appended twice.
     *
     * @throws CliTunerException AUDIT_IO when the sink refuses: the change is committed and its event stays queued
     */
    synchronized void drain(RegistryStore store) {
        while (true) {
            Boolean moved;
            try {
                moved = store.transaction(tx -> {
                    List<PendingEvent> pending = store.pendingEvents();
                    if (pending.isEmpty()) {
                        return false;
                    }
                    PendingEvent p = pending.get(0);
                    sink.append(parse(p.eventJson()));
                    tx.deleteEvent(p.seq());
                    return true;
                });
            } catch (CliTunerException e) {
                if (e.code() == ErrorCode.STORE_IO || e.code() == ErrorCode.REGISTRY_CONFLICT) {
                    throw e;
                }
                throw new CliTunerException(
                        ErrorCode.AUDIT_IO,
                        "the registry change was committed but its audit event could not be appended (" + e.getMessage()
                                + "); it stays in the registry's outbox and is appended by the next registry change or start",
                        e);
            }
            if (!moved) {
                return;
            }
        }
    }

    /** Attributes from key, value pairs; a null value (an optional fact that is absent) is recorded as "". */
    private AuditEvent event(String type, Caller actor, @Nullable String... keyValues) {
        Map<String, String> attrs = new LinkedHashMap<>();
        for (int i = 0; i + 1 < keyValues.length; i += 2) {
            String key = Objects.requireNonNull(keyValues[i], "audit attribute keys are constants");
            String value = keyValues[i + 1];
            attrs.put(key, value == null ? "" : value);
        }
        return new AuditEvent("registry." + type, actor.toString(), clock.instant(), attrs);
    }

    private static AuditEvent parse(String json) {
        // Read back from the outbox table: a row edited outside the registry is a typed error, not an NPE.
        JsonNode n = CanonicalJson.parse(json.getBytes(StandardCharsets.UTF_8));
        JsonNode attributes = n.path("attributes");
        if (!attributes.isObject()
                || !n.path("type").isTextual()
                || !n.path("actor").isTextual()
                || !n.path("time").isTextual()) {
            throw new CliTunerException(
                    ErrorCode.STORE_IO,
                    "queued audit event is not a registry event (type, actor, time, attributes): " + json);
        }
        Map<String, String> attrs = new TreeMap<>();
        attributes.properties().forEach(e -> attrs.put(e.getKey(), e.getValue().asText()));
        Instant time;
        try {
            time = Instant.parse(n.path("time").asText());
        } catch (java.time.format.DateTimeParseException e) {
            throw new CliTunerException(ErrorCode.STORE_IO, "queued audit event has an unreadable time: " + json, e);
        }
        return new AuditEvent(n.path("type").asText(), n.path("actor").asText(), time, attrs);
    }
}
