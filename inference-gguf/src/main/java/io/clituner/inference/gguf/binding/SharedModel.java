package io.clituner.inference.gguf.binding;

import de.kherud.llama.LlamaModel;
import io.clituner.core.error.ErrorCode;
import io.clituner.core.error.InferenceException;
import io.clituner.inference.gguf.format.GgufFile;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * One natively loaded model, shared by every engine that uses it. Calls are serialized with a
 * fair lock: llama.cpp here runs one slot, and batching several requests into one slot would
 * make a request's output depend on what else was in the batch, breaking determinism (and the
 * response cache that relies on it). Owned by {@link ModelRegistry}, which counts references.
 */
public final class SharedModel {
    private final ModelKey key;
    private final GgufFile header;
    private final LlamaModel model;
    private final ReentrantLock lock = new ReentrantLock(true);
    private int references;
    private boolean closed;

    SharedModel(ModelKey key, GgufFile header, LlamaModel model) {
        this.key = key;
        this.header = header;
        this.model = model;
    }

    public ModelKey key() {
        return key;
    }

    public GgufFile header() {
        return header;
    }

    /** Runs {@code work} with exclusive use of the native model. */
    public <T> T exclusive(Function<LlamaModel, T> work) {
        try {
            lock.lockInterruptibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InferenceException(ErrorCode.INFERENCE_FAILED, "interrupted while waiting for the model", e);
        }
        try {
            if (closed) {
                throw new InferenceException(ErrorCode.ENGINE_CLOSED, "the native model was released: " + header.path());
            }
            return work.apply(model);
        } finally {
            lock.unlock();
        }
    }

    synchronized int retain() {
        return ++references;
    }

    synchronized int release() {
        if (references > 0) {
            references--;
        }
        return references;
    }

    public synchronized int references() {
        return references;
    }

    /** Frees the native model once no call is running (waits for the lock, bounded). */
    boolean closeNative() {
        try {
            if (!lock.tryLock(30, TimeUnit.SECONDS)) {
                return false;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        try {
            if (!closed) {
                closed = true;
                model.close();
            }
            return true;
        } finally {
            lock.unlock();
        }
    }
}
