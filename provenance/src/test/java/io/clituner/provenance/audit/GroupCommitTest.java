package io.clituner.provenance.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clituner.core.egress.AuditEvent;
import io.clituner.core.error.CliTunerException;
import io.clituner.core.error.ErrorCode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The committer thread: what callers are told matches what the file holds, on success, failure and close. */
class GroupCommitTest {
    @TempDir
    Path dir;

    private static AuditEvent event(String seq) {
        return new AuditEvent(
                "test.append", "group-commit-test", Instant.parse("2026-11-23T10:00:00Z"), Map.of("seq", seq));
    }

    private static Map<String, Long> entriesBySeq(Path log) {
        Map<String, Long> m = new HashMap<>();
        VerifyReport r =
                AuditLogFile.forEach(log, e -> m.put(e.event().attributes().get("seq"), e.index()));
        assertTrue(r.intact(), r.detail());
        return m;
    }

    private static boolean committerAlive(Path log) {
        String name = "audit-commit[" + log.getFileName() + "]";
        return Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.getName().equals(name) && t.isAlive());
    }

    @Test
    @Timeout(60)
    void everyAcknowledgedEntryIsPresentAtItsIndexAndEachThreadsEntriesKeepTheirOrder() throws Exception {
        Path log = dir.resolve("ordered.jsonl");
        int threads = 8;
        int perThread = 200;
        Map<String, Long> acked = new ConcurrentHashMap<>();
        long commits;
        try (AuditLog a = AuditLog.open(log)) {
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            List<Future<?>> fs = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int tt = t;
                fs.add(pool.submit(() -> {
                    long previous = -1;
                    for (int i = 0; i < perThread; i++) {
                        String seq = tt + "-" + i;
                        long index = a.appendEntry(event(seq));
                        assertTrue(index > previous, "a thread's later append must land after its earlier one");
                        previous = index;
                        acked.put(seq, index);
                    }
                }));
            }
            for (Future<?> f : fs) {
                f.get();
            }
            pool.shutdown();
            commits = a.commits();
        }
        assertEquals(threads * perThread, acked.size());
        assertTrue(commits < threads * perThread, "appends must share syncs, got " + commits + " commits");
        try (AuditLog reopened = AuditLog.open(log)) {
            assertEquals(threads * perThread, reopened.size());
            assertEquals(List.of(), reopened.repairs());
        }
        assertEquals(acked, entriesBySeq(log));
    }

    @Test
    @Timeout(60)
    void aFailedSyncFailsEveryWaiterOfItsBatchAndLeavesNothingOfIt() throws Exception {
        Path log = dir.resolve("failing.jsonl");
        int others = 7;
        AtomicInteger syncs = new AtomicInteger();
        IOException injected = new IOException("injected: no space left on device");
        AuditLog[] holder = new AuditLog[1];
        AuditLog.Sync sync = ch -> {
            int call = syncs.incrementAndGet();
            if (call == 1) {
                // Hold the first batch until every other caller is queued: they become the second batch.
                while (holder[0].queuedAppends() < others) {
                    Thread.onSpinWait();
                }
                ch.force(true);
            } else if (call == 2) {
                throw injected;
            } else {
                ch.force(true);
            }
        };
        try (AuditLog a = AuditLog.builder(log).sync(sync).open()) {
            holder[0] = a;
            ExecutorService pool = Executors.newFixedThreadPool(others + 1);
            Future<Long> first = pool.submit(() -> a.appendEntry(event("first")));
            while (syncs.get() == 0) {
                Thread.onSpinWait(); // the first batch is syncing before the others queue
            }
            List<Future<Long>> rest = new ArrayList<>();
            for (int i = 0; i < others; i++) {
                String seq = "doomed-" + i;
                rest.add(pool.submit(() -> a.appendEntry(event(seq))));
            }
            assertEquals(0L, first.get());
            List<CliTunerException> failures = new ArrayList<>();
            for (Future<Long> f : rest) {
                java.util.concurrent.ExecutionException e =
                        assertThrows(java.util.concurrent.ExecutionException.class, f::get);
                failures.add(assertInstanceOf(CliTunerException.class, e.getCause()));
            }
            pool.shutdown();
            for (CliTunerException e : failures) {
                assertEquals(ErrorCode.AUDIT_IO, e.code());
                assertSame(injected, e.getCause());
                assertTrue(e.getMessage().contains(others + " event(s) not recorded"), e.getMessage());
            }
            // Nothing of the failed batch is left, in memory or on disk; the log goes on from there.
            assertEquals(1, a.size());
            long sizeAfterFirst = Files.size(log);
            assertEquals(1, AuditLogFile.verify(log).entries());
            assertEquals(1L, a.appendEntry(event("after")));
            assertTrue(Files.size(log) > sizeAfterFirst);
        }
        Map<String, Long> present = entriesBySeq(log);
        assertEquals(Map.of("first", 0L, "after", 1L), present);
    }

    @Test
    @Timeout(60)
    void closeWritesWhatIsQueuedAndRefusesLaterAppends() throws Exception {
        Path log = dir.resolve("closing.jsonl");
        int threads = 8;
        Map<String, Long> acked = new ConcurrentHashMap<>();
        List<Throwable> endings = java.util.Collections.synchronizedList(new ArrayList<>());
        AuditLog a = AuditLog.open(log);
        CountDownLatch running = new CountDownLatch(threads);
        CountDownLatch twoHundredAcked = new CountDownLatch(200);
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int tt = t;
            Thread w = new Thread(() -> {
                running.countDown();
                try {
                    for (int i = 0; ; i++) {
                        String seq = tt + "-" + i;
                        acked.put(seq, a.appendEntry(event(seq)));
                        twoHundredAcked.countDown();
                    }
                } catch (RuntimeException e) {
                    endings.add(e);
                }
            });
            w.start();
            workers.add(w);
        }
        running.await();
        assertTrue(twoHundredAcked.await(30, TimeUnit.SECONDS), "200 appends acknowledged before close");
        a.close();
        for (Thread w : workers) {
            w.join(TimeUnit.SECONDS.toMillis(20));
            assertFalse(w.isAlive(), "an appender must not hang on a closed log");
        }
        assertEquals(threads, endings.size());
        for (Throwable e : endings) {
            assertEquals(
                    ErrorCode.AUDIT_IO,
                    assertInstanceOf(CliTunerException.class, e).code());
        }
        assertFalse(committerAlive(log));
        // Acknowledged ⇔ present: nothing written without telling its caller, nothing told and not written.
        assertEquals(acked, entriesBySeq(log));
    }

    @Test
    void appendAllStaysContiguousWhileOthersAppend() throws Exception {
        Path log = dir.resolve("bursts.jsonl");
        List<Long> firsts = new ArrayList<>();
        try (AuditLog a = AuditLog.open(log)) {
            ExecutorService pool = Executors.newFixedThreadPool(4);
            List<Future<?>> singles = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int tt = t;
                singles.add(pool.submit(() -> {
                    for (int i = 0; i < 50; i++) {
                        a.appendEntry(event("single-" + tt + "-" + i));
                    }
                }));
            }
            for (int b = 0; b < 5; b++) {
                List<AuditEvent> burst = new ArrayList<>();
                for (int i = 0; i < 40; i++) {
                    burst.add(event("burst-" + b + "-" + i));
                }
                firsts.add(a.appendAll(burst));
            }
            for (Future<?> f : singles) {
                f.get();
            }
            pool.shutdown();
        }
        Map<String, Long> present = entriesBySeq(log);
        assertEquals(4 * 50 + 5 * 40, present.size());
        for (int b = 0; b < 5; b++) {
            for (int i = 0; i < 40; i++) {
                assertEquals(firsts.get(b) + i, present.get("burst-" + b + "-" + i));
            }
        }
    }

    @Test
    void aLogThatFailsToOpenLeavesNoCommitterBehind() throws IOException {
        Path log = dir.resolve("tampered.jsonl");
        try (AuditLog a = AuditLog.open(log)) {
            for (int i = 0; i < 3; i++) {
                a.appendEntry(event("e-" + i));
            }
        }
        List<String> lines = new ArrayList<>(Files.readAllLines(log, StandardCharsets.UTF_8));
        lines.set(1, lines.get(1).replace("e-1", "e-X"));
        Files.writeString(log, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
        AuditTamperedException e = assertThrows(AuditTamperedException.class, () -> AuditLog.open(log));
        assertEquals(Damage.EDITED, e.report().damage());
        assertFalse(committerAlive(log));
    }
}
