package io.clituner.inference.gguf.internal.llamacpp;

import com.sun.jna.Pointer;
import com.sun.jna.Structure;
import org.jspecify.annotations.Nullable;

/**
 * {@code struct llama_model_params} of the pinned llama.h, field for field (checked against the header by
 * {@code StructLayoutTest}). Always obtained from {@code llama_model_default_params()} and then adjusted.
 */
@Structure.FieldOrder({
    "devices",
    "tensor_buft_overrides",
    "n_gpu_layers",
    "split_mode",
    "load_mode",
    "lazy_mode",
    "main_gpu",
    "tensor_split",
    "progress_callback",
    "progress_callback_user_data",
    "kv_overrides",
    "vocab_only",
    "check_tensors",
    "use_extra_bufts",
    "no_host",
    "no_alloc",
    "load_mtp"
})
public class LlamaModelParams extends Structure {
    public @Nullable Pointer devices;
    public @Nullable Pointer tensor_buft_overrides;
    public int n_gpu_layers;
    public int split_mode;
    public int load_mode;
    public int lazy_mode;
    public int main_gpu;
    public @Nullable Pointer tensor_split;
    public @Nullable Pointer progress_callback;
    public @Nullable Pointer progress_callback_user_data;
    public @Nullable Pointer kv_overrides;
    public byte vocab_only;
    public byte check_tensors;
    public byte use_extra_bufts;
    public byte no_host;
    public byte no_alloc;
    public byte load_mtp;

    /** Passed and returned by value. */
    public static final class ByValue extends LlamaModelParams implements Structure.ByValue {}
}
