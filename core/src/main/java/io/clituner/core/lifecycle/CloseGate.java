package io.clituner.core.lifecycle;

import io.clituner.core.error.ErrorCode;
import io.clituner.core.error.InferenceException;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

/**
 * Makes {@code close()} of an object that owns native memory safe against calls in flight: every call runs
 * under the read side of a lock, {@link #close(Runnable)} takes the write side, so the release waits until
 * the calls that already entered have left, runs exactly once however many threads close, and every call
 * that comes after it fails with {@link InferenceException} ({@link ErrorCode#ENGINE_CLOSED}) instead of
 * touching freed memory. A check-then-set {@code volatile boolean} cannot give this: a call that read
 * "open" can still be running when another thread frees the session under it.
 *
 * <p>A call must not close its own gate (the read side cannot be upgraded); calls may nest (the read side
 * is reentrant). Closing threads wait for in-flight calls; new calls queue behind a waiting close and then
 * fail typed.
 */
public final class CloseGate {
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final String what;
    private volatile boolean closed;

    /** @param what how the closed-error names the object, e.g. "the retrieval engine" */
    public CloseGate(String what) {
        this.what = Objects.requireNonNull(what, "what");
    }

    /** Runs one call unless the gate is closed; close waits for it. */
    public <T> T call(Supplier<T> body) {
        lock.readLock().lock();
        try {
            requireOpen();
            return body.get();
        } finally {
            lock.readLock().unlock();
        }
    }

    /** {@link #call} for calls without a result. */
    public void run(Runnable body) {
        lock.readLock().lock();
        try {
            requireOpen();
            body.run();
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Throws the typed closed-error when closed; for cheap checks outside a call (accessors). */
    public void requireOpen() {
        if (closed) {
            throw new InferenceException(ErrorCode.ENGINE_CLOSED, what + " is closed");
        }
    }

    public boolean isClosed() {
        return closed;
    }

    /**
     * Waits for in-flight calls, then runs {@code release} once; later (or concurrent) closes do nothing.
     *
     * @return whether this call was the one that closed
     */
    public boolean close(Runnable release) {
        if (closed) {
            return false;
        }
        lock.writeLock().lock();
        try {
            if (closed) {
                return false;
            }
            closed = true;
            release.run();
            return true;
        } finally {
            lock.writeLock().unlock();
        }
    }
}
