package io.clituner.provenance.audit;

import io.clituner.core.error.CliTunerException;
import io.clituner.core.error.ErrorCode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.jspecify.annotations.Nullable;

/**
 * Group commit on a dedicated thread: callers queue a {@link Pending} and park; the committer
 * drains the queue, hands everything to one {@link BatchWriter#commit} (one write, one sync) and
 * wakes every caller of that batch.
 *
 * <p>Why a gather step: with N synchronous callers, the ones just acknowledged need a moment to
 * come back with their next entry. Starting the next sync at once splits them over two syncs
 * (measured: about 4.6 entries per fsync with 8 threads, each sync ≈ 200 µs, so ≈ 17k/s). So
 * after a batch of B callers, the committer waits until B callers are queued again, but never
 * longer than half the last commit took (and at most {@link #MAX_GATHER_NANOS}), then commits.
 * A lone caller (B = 1) never waits; when a caller goes away the wait expires once and B shrinks.
 */
final class GroupCommitter implements AutoCloseable {
    /** Upper bound of the gather wait, whatever a slow commit measured. */
    static final long MAX_GATHER_NANOS = 1_000_000;

    /** Writes and syncs one batch; sets each entry's index or failure. Runs on the committer thread only. */
    interface BatchWriter {
        void commit(List<Pending> batch);
    }

    /** One caller's events (one, or several from {@code appendAll}), written contiguously and acknowledged together. */
    static final class Pending {
        final byte[][] events;
        final Thread waiter = Thread.currentThread();
        /** Index of the first event, set by the writer only once the batch is durable; -1 until then. */
        long firstIndex = -1;

        @Nullable
        RuntimeException failure;

        volatile boolean done;

        Pending(byte[][] events) {
            this.events = events;
        }
    }

    private final BatchWriter writer;
    private final String name;
    private final ConcurrentLinkedQueue<Pending> queue = new ConcurrentLinkedQueue<>();
    /** Callers queued and not yet drained (a CLQ's size() is O(n)). */
    private final AtomicInteger queued = new AtomicInteger();
    /** A caller that makes {@link #queued} reach this wakes the committer; MAX_VALUE while it is busy. */
    private volatile int wakeAt = 1;

    private volatile boolean closing;
    private volatile boolean exited;
    private final Thread thread;

    // Committer thread only.
    private int expected = 1;
    private long lastCommitNanos;

    GroupCommitter(String name, BatchWriter writer) {
        this.name = name;
        this.writer = writer;
        this.thread = new Thread(this::run, "audit-commit[" + name + "]");
        // A log that is never closed must not keep the JVM alive; its unacknowledged callers were blocked anyway.
        thread.setDaemon(true);
        thread.start();
    }

    /** Queues the events and returns once they are durable (or failed: the failure is thrown). */
    long submit(byte[][] events) {
        if (closing) {
            throw closed();
        }
        Pending p = new Pending(events);
        queue.add(p);
        if (queued.incrementAndGet() >= wakeAt) {
            LockSupport.unpark(thread);
        }
        // close() may have let the committer exit between our check and our add: then nobody drains p.
        if (exited && queue.remove(p)) {
            throw closed();
        }
        while (!p.done) {
            LockSupport.park(this);
        }
        if (p.failure != null) {
            throw p.failure;
        }
        return p.firstIndex;
    }

    private void run() {
        List<Pending> batch = new ArrayList<>();
        while (true) {
            if (queue.isEmpty()) {
                if (closing) {
                    break;
                }
                wakeAt = 1;
                if (queue.isEmpty() && !closing) {
                    LockSupport.park(this);
                }
                continue;
            }
            gather();
            wakeAt = Integer.MAX_VALUE;
            for (Pending p; (p = queue.poll()) != null; ) {
                batch.add(p);
            }
            queued.addAndGet(-batch.size());
            long start = System.nanoTime();
            try {
                writer.commit(batch);
            } catch (RuntimeException | Error e) {
                // The writer reports failures per entry; this is a bug or an Error: still answer every caller.
                CliTunerException failure =
                        new CliTunerException(ErrorCode.AUDIT_IO, "audit log " + name + ": commit failed: " + e, e);
                for (Pending p : batch) {
                    if (p.firstIndex < 0) { // an index is set only once durable
                        p.failure = failure;
                    }
                }
            }
            lastCommitNanos = System.nanoTime() - start;
            expected = batch.size();
            for (Pending p : batch) {
                p.done = true;
                LockSupport.unpark(p.waiter);
            }
            batch.clear();
        }
        exited = true;
        // Callers that slipped in after the final drain: submit() removes its own, or we answer it here.
        for (Pending p; (p = queue.poll()) != null; ) {
            p.failure = closed();
            p.done = true;
            LockSupport.unpark(p.waiter);
        }
    }

    /** Waits (bounded) until as many callers are queued as the last batch acknowledged; see the class comment. */
    private void gather() {
        if (expected <= 1 || closing) {
            return;
        }
        long deadline = System.nanoTime() + Math.min(lastCommitNanos / 2, MAX_GATHER_NANOS);
        while (queued.get() < expected && !closing) {
            wakeAt = expected;
            if (queued.get() >= expected) {
                return;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return;
            }
            LockSupport.parkNanos(this, left);
        }
    }

    /** Callers queued for the next batch (tests use it to build a batch of known size). */
    int queued() {
        return queued.get();
    }

    /** Commits what is queued, then stops the committer thread. Later submissions fail with AUDIT_IO. */
    @Override
    public void close() {
        closing = true;
        LockSupport.unpark(thread);
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true; // the committer is finishing a sync; leaving now would close the file under it
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private CliTunerException closed() {
        return new CliTunerException(ErrorCode.AUDIT_IO, "audit log " + name + " is closed; the event was not written");
    }
}
