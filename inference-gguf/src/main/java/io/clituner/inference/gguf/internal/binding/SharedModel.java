package io.clituner.inference.gguf.internal.binding;

import de.kherud.llama.InferenceParameters;
import de.kherud.llama.LlamaIterable;
import de.kherud.llama.LlamaModel;
import io.clituner.core.error.ErrorCode;
import io.clituner.core.error.InferenceException;
import io.clituner.inference.gguf.format.GgufFile;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * One natively loaded model, shared by every engine that uses it. Calls are serialized with a
 * fair lock: llama.cpp here runs one slot, and batching several requests into one slot would
 * make a request's output depend on what else was in the batch, breaking determinism (and the
 * response cache that relies on it). Owned by {@link LoadedModelCache}, which counts references and
 * alone may free it. Callers hold a {@link Lease} (released once, however often it is closed) and
 * get {@link Calls}, never the {@code LlamaModel} itself, so nothing outside the cache can close
 * the native model (leaking it, or freeing it under another engine).
 */
public final class SharedModel {
    private final ModelKey key;
    private final GgufFile header;
    private final LlamaModel model;
    private final Calls calls;
    private final ReentrantLock lock = new ReentrantLock(true);
    private int references;
    private boolean closed;

    SharedModel(ModelKey key, GgufFile header, LlamaModel model) {
        this.key = key;
        this.header = header;
        this.model = model;
        this.calls = new Calls(model);
    }

    public ModelKey key() {
        return key;
    }

    public GgufFile header() {
        return header;
    }

    /** What a caller may do with the native model while it holds it: tokenize and generate, not close. */
    public static final class Calls {
        private final LlamaModel model;

        private Calls(LlamaModel model) {
            this.model = model;
        }

        public int[] encode(String text) {
            return model.encode(text);
        }

        /** A streamed completion; consume it before {@link #exclusive} returns. */
        public LlamaIterable generate(InferenceParameters parameters) {
            return model.generate(parameters);
        }
    }

    /** One engine's reference to a shared model; {@link #close()} gives it back once. */
    public final class Lease implements AutoCloseable {
        private final AtomicBoolean released = new AtomicBoolean();

        private Lease() {}

        public SharedModel model() {
            return SharedModel.this;
        }

        /** The model stays loaded for reuse (see {@link LoadedModelCache}). Idempotent. */
        @Override
        public void close() {
            if (released.compareAndSet(false, true)) {
                release();
            }
        }
    }

    /** Runs {@code work} with exclusive use of the native model. */
    public <T> T exclusive(Function<Calls, T> work) {
        try {
            lock.lockInterruptibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InferenceException(ErrorCode.INFERENCE_FAILED, "interrupted while waiting for the model", e);
        }
        try {
            if (closed) {
                throw new InferenceException(
                        ErrorCode.ENGINE_CLOSED, "the native model was released: " + header.path());
            }
            return work.apply(calls);
        } finally {
            lock.unlock();
        }
    }

    synchronized Lease retain() {
        references++;
        return new Lease();
    }

    private synchronized void release() {
        if (references > 0) {
            references--;
        }
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
