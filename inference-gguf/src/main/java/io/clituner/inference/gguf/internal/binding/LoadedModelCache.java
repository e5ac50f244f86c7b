package io.clituner.inference.gguf.internal.binding;

import de.kherud.llama.LlamaModel;
import de.kherud.llama.ModelParameters;
import io.clituner.core.error.ConfigurationException;
import io.clituner.core.error.ErrorCode;
import io.clituner.core.error.ModelFileException;
import io.clituner.inference.gguf.format.GgufFile;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one owner of every model loaded through de.kherud:llama in this process. Its
 * {@code LlamaModel.close()} leaks about 29 MiB of native memory and a native thread per
 * load/close cycle, so a model whose last engine closes stays loaded (idle) and the next engine
 * with the same {@link ModelKey} reuses it instead of loading it again.
 *
 * <p>Both ways the leak could come back are bounded: at most {@link #maxLoadedModels()} models
 * are loaded at once (property {@value #MAX_LOADED_PROPERTY}, default 4), and
 * {@link #evictIdle()} frees at most {@link #maxEvictions()} models over the life of the
 * process (property {@value #MAX_EVICTIONS_PROPERTY}, default 8), so native memory stays within
 * (maxLoaded + maxEvictions) loads. When the cache is full a new key is a typed
 * {@link ConfigurationException} at once rather than a wait: loaded models stay loaded by design
 * when their engines close, so a wait would last until someone evicts, which may be never; the
 * error says what to change. There is one instance ({@link #shared()}), engines are the only way
 * to reach it, and the native model is never handed out (see {@link SharedModel}). Thread-safe.
 */
public final class LoadedModelCache {
    public static final String MAX_LOADED_PROPERTY = "clituner.gguf.maxLoadedModels";
    public static final String MAX_EVICTIONS_PROPERTY = "clituner.gguf.maxEvictions";
    static final int DEFAULT_MAX_LOADED = 4;
    static final int DEFAULT_MAX_EVICTIONS = 8;
    private static final Logger LOG = LoggerFactory.getLogger(LoadedModelCache.class);
    private static @Nullable LoadedModelCache shared;

    /** In load order; eviction frees the longest-idle first. */
    private final Map<ModelKey, SharedModel> models = new LinkedHashMap<>();

    private final int maxLoaded;
    private final int maxEvictions;
    private long loads;
    private long evictions;
    private boolean budgetSpentLogged;

    private LoadedModelCache(int maxLoaded, int maxEvictions) {
        this.maxLoaded = maxLoaded;
        this.maxEvictions = maxEvictions;
    }

    /**
     * The process-wide cache, created on first use with the limits from the system properties.
     *
     * @throws ConfigurationException when a limit property is not a valid number
     */
    public static synchronized LoadedModelCache shared() {
        LoadedModelCache cache = shared;
        if (cache == null) {
            cache = new LoadedModelCache(
                    limit(MAX_LOADED_PROPERTY, DEFAULT_MAX_LOADED, 1),
                    limit(MAX_EVICTIONS_PROPERTY, DEFAULT_MAX_EVICTIONS, 0));
            shared = cache;
        }
        return cache;
    }

    private static int limit(String property, int defaultValue, int min) {
        String v = System.getProperty(property);
        if (v == null || v.isBlank()) {
            return defaultValue;
        }
        try {
            int n = Integer.parseInt(v.strip());
            if (n >= min) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ConfigurationException(
                ErrorCode.CONFIGURATION,
                "-D" + property + "=" + v + " is not a whole number ≥ " + min + " (default " + defaultValue + ")");
    }

    /**
     * The loaded model for {@code key}, loading it with {@code parameters} if needed, with one more
     * reference, as a lease whose {@code close()} gives it back. Loading holds the cache's lock,
     * so two engines never load the same model twice.
     *
     * @throws ConfigurationException MODEL_LOAD_FAILED when {@link #maxLoadedModels()} models are already loaded
     * @throws ModelFileException     MODEL_LOAD_FAILED when llama.cpp refuses the file
     */
    public synchronized SharedModel.Lease acquire(ModelKey key, GgufFile header, Supplier<ModelParameters> parameters) {
        SharedModel m = models.get(key);
        if (m == null) {
            if (models.size() >= maxLoaded) {
                throw full(key, header);
            }
            long t = System.nanoTime();
            var before = IdleModelReaper.threadIdsBefore();
            LlamaModel model;
            try {
                model = new LlamaModel(parameters.get());
            } catch (RuntimeException e) {
                // LlamaException (package-private in the binding) when llama.cpp refuses the file.
                throw new ModelFileException(
                        ErrorCode.MODEL_LOAD_FAILED,
                        "llama.cpp could not load " + header.path() + ": " + e.getMessage() + " (architecture "
                                + header.architecture() + ")",
                        e);
            }
            NativeLogBridge.install();
            IdleModelReaper.adoptLoopThreads(this, before);
            loads++;
            m = new SharedModel(key, header, model);
            models.put(key, m);
            LOG.debug(
                    "loaded model {} ({}, {}) in {} ms",
                    header.path().getFileName(),
                    header.architecture(),
                    header.quantization(),
                    (System.nanoTime() - t) / 1_000_000);
        }
        return m.retain();
    }

    private ConfigurationException full(ModelKey key, GgufFile header) {
        long idle = models.values().stream().filter(m -> m.references() == 0).count();
        return new ConfigurationException(
                ErrorCode.MODEL_LOAD_FAILED,
                "cannot load " + header.path().getFileName() + " (context "
                        + key.contextSize() + ", threads " + key.threads() + ", GPU layers " + key.gpuLayers() + "): "
                        + models.size()
                        + " models are loaded, the limit (-D" + MAX_LOADED_PROPERTY + "=" + maxLoaded + "), " + idle
                        + " of them idle."
                        + " Engines with the same model, context size, threads and GPU layers share one load; reuse those settings,"
                        + (idle > 0 && evictions < maxEvictions
                                ? " or free idle models with LoadedModelCache.shared().evictIdle() ("
                                        + (maxEvictions - evictions) + " left: each leaks ~29 MiB natively),"
                                : "")
                        + " or raise the limit");
    }

    /**
     * Frees idle models (no engine uses them), longest loaded first, while the eviction budget
     * lasts; returns how many were freed. Each free leaks ~29 MiB natively, which is why the budget
     * ({@link #maxEvictions()}) is bounded for the life of the process.
     */
    public synchronized int evictIdle() {
        int freed = 0;
        for (var it = models.entrySet().iterator(); it.hasNext() && evictions < maxEvictions; ) {
            SharedModel m = it.next().getValue();
            if (m.references() == 0 && m.closeNative()) {
                it.remove();
                evictions++;
                freed++;
            }
        }
        if (evictions >= maxEvictions
                && !budgetSpentLogged
                && models.values().stream().anyMatch(m -> m.references() == 0)) {
            budgetSpentLogged = true;
            LOG.warn(
                    "the eviction budget (-D{}={}) is spent: idle models stay loaded; each further free would leak ~29 MiB",
                    MAX_EVICTIONS_PROPERTY,
                    maxEvictions);
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

    /** Models freed by {@link #evictIdle()} so far. */
    public synchronized long evictionCount() {
        return evictions;
    }

    public synchronized List<ModelKey> loadedModels() {
        return List.copyOf(models.keySet());
    }

    public int maxLoadedModels() {
        return maxLoaded;
    }

    public int maxEvictions() {
        return maxEvictions;
    }
}
