package io.clituner.inference.djl;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.util.Utils;
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
 * What this module needs from DJL and its natives, and nothing global unless the host asks for it.
 *
 * <p>By default the library changes nothing process-wide: it sets no system property, reflects into no
 * library, deletes no file but its own. The embedding model runs on OnnxRuntime's own API (no DJL engine,
 * so DJL's OnnxRuntime engine never starts PyTorch as its "alternative engine"), and PyTorch (the GPU
 * search backend, MMD drift tests) starts only when its natives are on the class path or
 * {@code PYTORCH_LIBRARY_PATH} names them: {@link #pytorch()} refuses rather than let DJL download them.
 *
 * <p>A process the library owns (the {@code clituner} CLI) or a host that wants them opts in to the
 * host-wide defaults with {@link #applyHostDefaults()} or {@code -D}{@value #HOST_DEFAULTS_PROPERTY}{@code =true}:
 * <ul>
 *   <li>{@code ai.djl.offline=true} unless set: DJL never reaches the network;</li>
 *   <li>{@code DJL_CACHE_DIR=~/.cache/clituner/djl} (XDG aware) unless set as property or environment
 *       variable: the first PyTorch start extracts ~430 MB of natives there, so it must be stable across runs;</li>
 *   <li>OnnxRuntime's extraction folder ({@code onnxruntime-java*} in {@code java.io.tmpdir}, left behind empty
 *       after its libraries load) is removed, found by reflection into OnnxRuntime, and empty ones older than
 *       an hour left by earlier processes are swept.</li>
 * </ul>
 * {@code PYTORCH_VERSION} is never set: it makes DJL download a matching native build.
 */
public final class DjlRuntime {
    private static final Logger LOG = LoggerFactory.getLogger(DjlRuntime.class);
    /** {@code -Dclituner.djl.hostDefaults=true}: the host opts in to {@link #applyHostDefaults()}. */
    public static final String HOST_DEFAULTS_PROPERTY = "clituner.djl.hostDefaults";

    public static final String CACHE_PROPERTY = "DJL_CACHE_DIR";
    public static final String PYTORCH_ENGINE = "PyTorch";
    /** Present on the class path when a {@code pytorch-native-*} jar is. */
    static final String PYTORCH_NATIVES_RESOURCE = "native/lib/pytorch.properties";

    private static volatile boolean hostDefaults;

    private DjlRuntime() {}

    /**
     * Called before any DJL or OnnxRuntime use: applies the host-wide defaults only when the host opted in by
     * system property; otherwise does nothing.
     */
    public static void configure() {
        if (!hostDefaults && Boolean.getBoolean(HOST_DEFAULTS_PROPERTY)) {
            applyHostDefaults();
        }
    }

    /**
     * Opt-in, process-wide: {@code ai.djl.offline=true} and a stable {@code DJL_CACHE_DIR} where the host set
     * neither, and OnnxRuntime's temp folders removed after loading (see the class comment). Idempotent.
     */
    public static synchronized void applyHostDefaults() {
        if (hostDefaults) {
            return;
        }
        if (System.getProperty("ai.djl.offline") == null) {
            System.setProperty("ai.djl.offline", "true");
        }
        if (System.getProperty(CACHE_PROPERTY) == null && System.getenv(CACHE_PROPERTY) == null) {
            System.setProperty(CACHE_PROPERTY, defaultCacheDir().toString());
        }
        hostDefaults = true;
        LOG.debug("host-wide DJL defaults applied; cache dir {}", cacheDir());
    }

    /** Whether {@link #applyHostDefaults()} ran in this process. */
    public static boolean hostDefaultsApplied() {
        return hostDefaults;
    }

    /** Called once OnnxRuntime has loaded its libraries: removes its temp folders if the host opted in. */
    public static void afterOnnxRuntimeLoaded() {
        if (hostDefaults) {
            removeOnnxRuntimeTempDirs();
        }
    }

    /**
     * Where this module caches bank embeddings (and DJL extracts natives, once {@code DJL_CACHE_DIR} points
     * there): {@code DJL_CACHE_DIR} when set, else {@code ~/.cache/clituner/djl}.
     */
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
        Path base =
                xdg != null && !xdg.isBlank() ? Paths.get(xdg) : Paths.get(System.getProperty("user.home"), ".cache");
        return base.resolve("clituner").resolve("djl");
    }

    /**
     * Deletes OnnxRuntime's extraction folder of this process once its libraries are loaded, and
     * empty {@code onnxruntime-java*} folders older than an hour left by earlier processes. Only
     * empty folders are ever deleted, so a process still extracting is never disturbed. Host-wide:
     * runs only after {@link #applyHostDefaults()}.
     */
    static void removeOnnxRuntimeTempDirs() {
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

    /**
     * Whether PyTorch's natives can be loaded without a download: a {@code pytorch-native-*} jar on the class
     * path (an optional dependency of this module) or {@code PYTORCH_LIBRARY_PATH}.
     */
    public static boolean pytorchNativesAvailable() {
        if (Utils.getEnvOrSystemProperty("PYTORCH_LIBRARY_PATH") != null) {
            return true;
        }
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        if (loader == null) {
            loader = DjlRuntime.class.getClassLoader();
        }
        return loader.getResource(PYTORCH_NATIVES_RESOURCE) != null;
    }

    /**
     * The PyTorch engine that does this module's tensor math.
     *
     * @throws ConfigurationException when its natives are not there (never downloaded) or it cannot start
     */
    public static Engine pytorch() {
        configure();
        if (!pytorchNativesAvailable()) {
            throw new ConfigurationException(
                    ErrorCode.CONFIGURATION,
                    "PyTorch natives are not on the class path: add "
                            + "ai.djl.pytorch:pytorch-native-cpu (classifier linux-x86_64) and ai.djl.pytorch:pytorch-jni, or set "
                            + "PYTORCH_LIBRARY_PATH; the library never downloads them");
        }
        try {
            return Engine.getEngine(PYTORCH_ENGINE);
        } catch (RuntimeException | UnsatisfiedLinkError e) {
            throw new ConfigurationException(
                    ErrorCode.CONFIGURATION,
                    "the DJL PyTorch engine could not start (natives under " + cacheDir()
                            + "; needs ai.djl.pytorch:pytorch-native-cpu on the class path): " + e.getMessage(),
                    e);
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
