package io.clituner.inference.gguf.binding;

import de.kherud.llama.LlamaModel;
import de.kherud.llama.ModelParameters;
import io.clituner.core.error.ErrorCode;
import io.clituner.core.error.ModelFileException;
import io.clituner.inference.gguf.format.GgufFile;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads each model once per process and shares it, counting references. de.kherud:llama 4.2.0's
 * {@code LlamaModel.close()} leaks about 29 MiB of native memory per load/close cycle, so a model
 * whose last engine closes stays loaded (idle) and the next engine reuses it instead of loading it
 * again; {@link #evictIdle()} frees idle models when the host really wants the memory back.
 * Thread-safe. {@link #shared()} is the process-wide instance engines use by default.
 */
public final class ModelRegistry {
    private static final Logger LOG = LoggerFactory.getLogger(ModelRegistry.class);
    private static final ModelRegistry SHARED = new ModelRegistry();

    private final Map<ModelKey, SharedModel> models = new HashMap<>();
    private long loads;

    public static ModelRegistry shared() {
        return SHARED;
    }

    /**
     * The loaded model for {@code key}, loading it with {@code parameters} if needed, with one more
     * reference. Loading holds the registry's lock, so two engines never load the same model twice.
     */
    public synchronized SharedModel acquire(ModelKey key, GgufFile header, Supplier<ModelParameters> parameters) {
        SharedModel m = models.get(key);
        if (m == null) {
            long t = System.nanoTime();
            var before = IdleModelReaper.threadIdsBefore();
            LlamaModel model;
            try {
                model = new LlamaModel(parameters.get());
            } catch (RuntimeException e) {
                // LlamaException (package-private in the binding) when llama.cpp refuses the file.
                throw new ModelFileException(ErrorCode.MODEL_LOAD_FAILED, "llama.cpp could not load " + header.path() + ": "
                        + e.getMessage() + " (architecture " + header.architecture() + ")", e);
            }
            NativeLogBridge.install();
            IdleModelReaper.adoptLoopThreads(this, before);
            loads++;
            m = new SharedModel(key, header, model);
            models.put(key, m);
            LOG.debug("loaded model {} ({}, {}) in {} ms", header.path().getFileName(), header.architecture(),
                    header.quantization(), (System.nanoTime() - t) / 1_000_000);
        }
        m.retain();
        return m;
    }

    /** Drops one reference; the model stays loaded for reuse (see the class comment). */
    public void release(SharedModel model) {
        model.release();
    }

    /** Frees every model no engine uses; returns how many were freed. Each free leaks ~29 MiB natively. */
    public synchronized int evictIdle() {
        int freed = 0;
        for (var it = models.entrySet().iterator(); it.hasNext(); ) {
            SharedModel m = it.next().getValue();
            if (m.references() == 0 && m.closeNative()) {
                it.remove();
                freed++;
            }
        }
        return freed;
    }

    /** Whether no engine holds any loaded model. */
    synchronized boolean allIdle() {
        return models.values().stream().allMatch(m -> m.references() == 0);
    }

    /** Native loads performed so far (for tests and diagnostics). */
    public synchronized long loadCount() {
        return loads;
    }

    public synchronized List<ModelKey> loadedModels() {
        return List.copyOf(models.keySet());
    }
}
