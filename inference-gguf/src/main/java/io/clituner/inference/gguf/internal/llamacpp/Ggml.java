package io.clituner.inference.gguf.internal.llamacpp;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;
import org.jspecify.annotations.Nullable;

/** The ggml-backend.h functions that load the CPU/GPU backends and list devices (JNA direct mapping, see {@link Llama}). */
public final class Ggml {
    private Ggml() {}

    /** {@code enum ggml_backend_dev_type}. */
    public static final int DEVICE_CPU = 0;

    public static final int DEVICE_GPU = 1;
    public static final int DEVICE_IGPU = 2;
    public static final int DEVICE_ACCEL = 3;

    static void register(NativeLibrary ggml) {
        Native.register(Ggml.class, ggml);
    }

    public static native void ggml_backend_load_all_from_path(String dir);

    public static native long ggml_backend_reg_count();

    public static native long ggml_backend_dev_count();

    public static native @Nullable Pointer ggml_backend_dev_get(long index);

    public static native @Nullable String ggml_backend_dev_name(Pointer device);

    public static native @Nullable String ggml_backend_dev_description(Pointer device);

    public static native int ggml_backend_dev_type(Pointer device);
}
