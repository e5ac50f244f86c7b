package io.clituner.inference.djl;

import ai.djl.Device;
import ai.djl.engine.Engine;
import io.clituner.core.error.ConfigurationException;
import io.clituner.core.error.ErrorCode;
import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Process-wide DJL settings, applied once before any DJL engine initializes.
 *
 * <ul>
 *   <li>{@code ai.djl.offline=true} unless the host set it: every model and native library comes from
 *       jars on the class path, never from the network.</li>
 *   <li>{@code DJL_CACHE_DIR} defaults to {@code ~/.cache/clituner/djl} unless the host set the system
 *       property or the environment variable: the first PyTorch start extracts ~430 MB of natives
 *       there (3.5 s once, then 0.5 s), so it must be stable across runs, not a temp folder.</li>
 *   <li>{@code PYTORCH_VERSION} is never set: it makes DJL download a matching native build.</li>
 *   <li>{@code ai.djl.onnx.disable_alternative=true} unless the host set it: otherwise DJL's OnnxRuntime
 *       engine starts PyTorch (libtorch) as a fallback for NDArray operations the moment its first
 *       NDManager exists, although the embedding model uses only OnnxRuntime's own inputs and outputs.
 *       PyTorch then loads only where this module asks for it (the GPU search backend, MMD).</li>
 *   <li>OnnxRuntime creates an {@code onnxruntime-java*} folder in {@code java.io.tmpdir} on every start
 *       and leaves it behind (empty) after loading its libraries; {@link #removeOnnxRuntimeTempDirs()}
 *       deletes this process's folder and stale empty ones of earlier runs.</li>
 * </ul>
 */
public final class DjlRuntime {
    private static final Logger LOG = LoggerFactory.getLogger(DjlRuntime.class);
    public static final String CACHE_PROPERTY = "DJL_CACHE_DIR";
    public static final String ONNX_ENGINE = "OnnxRuntime";
    public static final String PYTORCH_ENGINE = "PyTorch";
    /** Read by DJL's {@code OrtEngine.getAlternativeEngine()} whenever an OnnxRuntime NDManager is created. */
    static final String ONNX_NO_ALTERNATIVE = "ai.djl.onnx.disable_alternative";

    private static volatile boolean configured;

    private DjlRuntime() {}

    /** Applies the defaults above; idempotent and cheap after the first call. */
    public static synchronized void configure() {
        if (configured) {
            return;
        }
        if (System.getProperty("ai.djl.offline") == null) {
            System.setProperty("ai.djl.offline", "true");
        }
        if (System.getProperty(ONNX_NO_ALTERNATIVE) == null) {
            System.setProperty(ONNX_NO_ALTERNATIVE, "true");
        }
        if (System.getProperty(CACHE_PROPERTY) == null && System.getenv(CACHE_PROPERTY) == null) {
            System.setProperty(CACHE_PROPERTY, defaultCacheDir().toString());
        }
        configured = true;
        LOG.debug("DJL cache dir: {}", cacheDir());
    }

    /** Where DJL keeps extracted natives and where this module caches bank embeddings. */
    public static Path cacheDir() {
        String prop = System.getProperty(CACHE_PROPERTY);
        if (prop != null) {
            return Paths.get(prop);
        }
        String env = System.getenv(CACHE_PROPERTY);
        return env != null ? Paths.get(env) : defaultCacheDir();
    }

    /** {@code $XDG_CACHE_HOME/clituner/djl}, else {@code ~/.cache/clituner/djl} (beside the launcher's llama cache). */
    private static Path defaultCacheDir() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Paths.get(xdg) : Paths.get(System.getProperty("user.home"), ".cache");
        return base.resolve("clituner").resolve("djl");
    }

    /**
     * Deletes OnnxRuntime's extraction folder of this process once its libraries are loaded, and
     * empty {@code onnxruntime-java*} folders older than an hour left by earlier processes. Only
     * empty folders are ever deleted, so a process still extracting is never disturbed.
     */
    public static void removeOnnxRuntimeTempDirs() {
        try {
            Class<?> ort = Class.forName("ai.onnxruntime.OnnxRuntime");
            Field f = ort.getDeclaredField("tempDirectory");
            f.setAccessible(true);
            if (f.get(null) instanceof Path own && Files.isDirectory(own)) {
                // The libraries in it are loaded (mapped) already; on Linux the files can go now.
                try (DirectoryStream<Path> files = Files.newDirectoryStream(own)) {
                    for (Path file : files) {
                        Files.deleteIfExists(file);
                    }
                } catch (IOException e) {
                    LOG.debug("cannot empty {}: {}", own, e.toString());
                }
                deleteIfEmpty(own);
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.debug("cannot find OnnxRuntime's temp folder: {}", e.toString());
        }
        Path tmp = Paths.get(System.getProperty("java.io.tmpdir"));
        Instant cutoff = Instant.now().minus(Duration.ofHours(1));
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(tmp, "onnxruntime-java*")) {
            for (Path d : dirs) {
                if (Files.getLastModifiedTime(d).toInstant().isBefore(cutoff)) {
                    deleteIfEmpty(d);
                }
            }
        } catch (IOException e) {
            LOG.debug("cannot sweep {}: {}", tmp, e.toString());
        }
    }

    private static void deleteIfEmpty(Path dir) {
        try {
            Files.delete(dir);
        } catch (DirectoryNotEmptyException | NoSuchFileException e) {
            // Not ours to clean, or already gone.
        } catch (IOException e) {
            LOG.debug("cannot delete {}: {}", dir, e.toString());
        }
    }

    /** The PyTorch engine that does this module's tensor math. */
    public static Engine pytorch() {
        configure();
        try {
            return Engine.getEngine(PYTORCH_ENGINE);
        } catch (RuntimeException | UnsatisfiedLinkError e) {
            throw new ConfigurationException(ErrorCode.CONFIGURATION,
                    "the DJL PyTorch engine could not start (natives under " + cacheDir()
                            + "; needs ai.djl.pytorch:pytorch-native-cpu on the class path): " + e.getMessage(), e);
        }
    }

    /**
     * The first GPU when PyTorch sees one (a CUDA native build on the class path), else the CPU.
     * Starts PyTorch; {@link PyTorchGpu#visible()} gives the same answer without it on a CPU-only machine.
     */
    public static Device mathDevice() {
        Engine engine = pytorch();
        return engine.getGpuCount() > 0 ? Device.gpu() : Device.cpu();
    }
}
