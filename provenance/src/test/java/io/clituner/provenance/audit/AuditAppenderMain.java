package io.clituner.provenance.audit;

import io.clituner.core.egress.AuditEvent;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Child process for the crash and multi-process tests: appends from several threads and prints
 * {@code ACK <seq> <index>} after each append returned, i.e. once it is acknowledged as durable.
 * Usage: {@code AuditAppenderMain LOG TAG THREADS PER_THREAD} (PER_THREAD 0 = until killed).
 */
public final class AuditAppenderMain {
    private AuditAppenderMain() {}

    public static void main(String[] args) throws Exception {
        Path log = Path.of(args[0]);
        String tag = args[1];
        int threads = Integer.parseInt(args[2]);
        long perThread = Long.parseLong(args[3]);
        PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true, "UTF-8");
        try (AuditLog audit = AuditLog.open(log)) {
            for (TornTail t : audit.repairs()) {
                out.println("REPAIRED " + t.index() + " " + t.bytes());
            }
            out.println("READY " + audit.size());
            List<Thread> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int tt = t;
                Thread w = new Thread(() -> {
                    for (long i = 0; perThread == 0 || i < perThread; i++) {
                        String seq = tag + "-" + tt + "-" + i;
                        // Padding makes lines long enough that a kill often lands mid-write.
                        long index = audit.appendEntry(new AuditEvent(
                                "test.append", "child", Instant.now(), Map.of("seq", seq, "pad", "x".repeat(2000))));
                        synchronized (out) {
                            out.println("ACK " + seq + " " + index);
                        }
                    }
                });
                w.start();
                workers.add(w);
            }
            for (Thread w : workers) {
                w.join();
            }
        }
        out.println("DONE");
    }
}
