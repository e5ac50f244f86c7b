package io.clituner.provenance.registry;

import io.clituner.core.egress.AuditEvent;
import io.clituner.core.egress.AuditSink;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** Keeps events in memory, in order, optionally forwarding them to a durable sink; lets tests assert what was audited. */
public final class RecordingAuditSink implements AuditSink {
    private final List<AuditEvent> events = new ArrayList<>();
    private final AuditSink next;

    public RecordingAuditSink() {
        this(null);
    }

    public RecordingAuditSink(AuditSink next) {
        this.next = next;
    }

    @Override
    public synchronized void append(AuditEvent event) {
        if (next != null) {
            next.append(event);
        }
        events.add(event);
    }

    public synchronized List<AuditEvent> events() {
        return List.copyOf(events);
    }

    public synchronized List<AuditEvent> ofType(String type) {
        return events.stream().filter(e -> e.type().equals(type)).toList();
    }

    public synchronized long count(Predicate<AuditEvent> p) {
        return events.stream().filter(p).count();
    }

    public synchronized AuditEvent last() {
        return events.get(events.size() - 1);
    }
}
