package io.clituner.inference.remote;

import io.clituner.core.egress.AuditEvent;
import io.clituner.core.egress.AuditSink;
import java.util.ArrayList;
import java.util.List;

/** Keeps appended events in memory, in order, for assertions. */
public final class RecordingAuditSink implements AuditSink {
    private final List<AuditEvent> events = new ArrayList<>();

    @Override
    public synchronized void append(AuditEvent event) {
        events.add(event);
    }

    public synchronized List<AuditEvent> events() {
        return List.copyOf(events);
    }

    public synchronized List<AuditEvent> ofType(String type) {
        return events.stream().filter(e -> e.type().equals(type)).toList();
    }
}
