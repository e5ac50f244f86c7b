package io.clituner.inference.djl;

import ai.djl.util.Platform;
import ai.djl.util.Utils;
import ai.djl.util.cuda.CudaUtils;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Whether PyTorch would see a GPU, i.e. {@code DjlRuntime.mathDevice().isGpu()}, answered without
 * loading libtorch (~430 MB extracted, ~0.45 s per start) wherever the answer is certainly no.
 * DJL's own answer, {@code Engine.getGpuCount()}, is {@code hasCapability("CUDA")} (a libtorch call)
 * and then {@link CudaUtils#getGpuCount()} (the CUDA runtime via JNA); this asks in the cheap order:
 * <ol>
 *   <li>no PyTorch natives on the class path (they are an optional dependency; never downloaded): no;</li>
 *   <li>no CUDA device visible: no;</li>
 *   <li>the natives DJL would load are the bundled CPU build (no {@code PYTORCH_LIBRARY_PATH} or
 *       {@code PYTORCH_VERSION} override, {@code flavor=cpu*} in the class path's
 *       {@code native/lib/pytorch.properties}): no;</li>
 *   <li>otherwise PyTorch itself decides, exactly as before (this loads libtorch, which the GPU path uses anyway).</li>
 * </ol>
 * The answer is computed once per process.
 */
public final class PyTorchGpu {
    private static volatile @Nullable Boolean visible;

    private PyTorchGpu() {}

    /**
     * True when PyTorch's math device is a GPU; loads libtorch only if a CUDA device is visible and
     * the natives may be a CUDA build.
     *
     * @throws io.clituner.core.error.ConfigurationException when PyTorch has to be asked and cannot start
     */
    public static boolean visible() {
        Boolean v = visible;
        if (v == null) {
            synchronized (PyTorchGpu.class) {
                v = visible;
                if (v == null) {
                    v = probe();
                    visible = v;
                }
            }
        }
        return v;
    }

    private static boolean probe() {
        DjlRuntime.configure();
        if (!DjlRuntime.pytorchNativesAvailable() || CudaUtils.getGpuCount() <= 0) {
            return false;
        }
        if (bundledNativesAreCpuOnly()) {
            return false;
        }
        return DjlRuntime.pytorch().getGpuCount() > 0;
    }

    /** The same choice of natives as DJL's {@code LibUtils}: an override path or version, else the class path's build. */
    static boolean bundledNativesAreCpuOnly() {
        if (Utils.getEnvOrSystemProperty("PYTORCH_LIBRARY_PATH") != null
                || Utils.getEnvOrSystemProperty("PYTORCH_VERSION") != null) {
            return false;
        }
        try {
            Platform platform = Platform.detectPlatform("pytorch");
            return !platform.isPlaceholder()
                    && platform.getFlavor() != null
                    && platform.getFlavor().toLowerCase(Locale.ROOT).startsWith("cpu");
        } catch (RuntimeException e) {
            // No bundled natives: let PyTorch report (and fail) as it always did.
            return false;
        }
    }
}
