package io.clituner.inference.gguf.internal.llamacpp;

import com.sun.jna.Callback;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;
import org.jspecify.annotations.Nullable;

/**
 * The part of llama.h (and ggml-backend.h) this module calls, through JNA direct mapping: each method is a
 * native stub bound to the symbol of the same name, no proxy and no reflection per call. Registered by
 * {@link LlamaRuntime} once the pinned libraries are on disk; calling any method before that throws
 * {@link UnsatisfiedLinkError}. Pointers to opaque llama.cpp objects ({@code llama_model *},
 * {@code llama_context *}, …) are plain {@link Pointer}s owned by the classes that create them.
 */
public final class Llama {
    private Llama() {}

    /** {@code ggml_log_callback}: {@code void (*)(enum ggml_log_level, const char *, void *)}. */
    public interface LogCallback extends Callback {
        void invoke(int level, @Nullable Pointer text, @Nullable Pointer userData);
    }

    static void register(NativeLibrary llama) {
        Native.register(Llama.class, llama);
    }

    // C bool results are declared byte: only the low byte of the return register is defined.
    // Results that C may return as NULL are @Nullable; their callers check them and throw typed exceptions.

    // backend and logging
    public static native void llama_backend_init();

    public static native void llama_log_set(LogCallback callback, @Nullable Pointer userData);

    public static native byte llama_supports_gpu_offload();

    public static native @Nullable String llama_print_system_info();

    public static native long llama_max_devices();

    // parameters (returned by value; layouts checked against the pinned header)
    public static native LlamaModelParams.ByValue llama_model_default_params();

    public static native LlamaContextParams.ByValue llama_context_default_params();

    public static native LlamaSamplerChainParams.ByValue llama_sampler_chain_default_params();

    // model
    public static native @Nullable Pointer llama_model_load_from_file(String path, LlamaModelParams.ByValue params);

    public static native void llama_model_free(Pointer model);

    public static native @Nullable Pointer llama_model_get_vocab(Pointer model);

    public static native int llama_model_n_ctx_train(Pointer model);

    public static native int llama_model_n_layer(Pointer model);

    public static native long llama_model_n_params(Pointer model);

    public static native @Nullable Pointer llama_model_chat_template(Pointer model, @Nullable String name);

    public static native int llama_model_desc(Pointer model, byte[] buf, long bufSize);

    // vocabulary
    public static native int llama_vocab_n_tokens(Pointer vocab);

    public static native byte llama_vocab_is_eog(Pointer vocab, int token);

    public static native byte llama_vocab_get_add_bos(Pointer vocab);

    public static native int llama_tokenize(
            Pointer vocab,
            byte[] text,
            int textLen,
            int[] tokens,
            int maxTokens,
            boolean addSpecial,
            boolean parseSpecial);

    public static native int llama_token_to_piece(
            Pointer vocab, int token, byte[] buf, int length, int lstrip, boolean special);

    // chat templates (llama.cpp's built-in template engine; chat is an array of llama_chat_message)
    public static native int llama_chat_apply_template(
            String template, Pointer chat, long nMessages, boolean addAssistant, byte[] buf, int length);

    // context
    public static native @Nullable Pointer llama_init_from_model(Pointer model, LlamaContextParams.ByValue params);

    public static native void llama_free(Pointer ctx);

    public static native int llama_n_ctx(Pointer ctx);

    public static native int llama_n_batch(Pointer ctx);

    public static native int llama_n_threads(Pointer ctx);

    public static native @Nullable Pointer llama_get_memory(Pointer ctx);

    public static native void llama_memory_clear(Pointer memory, boolean data);

    public static native byte llama_memory_seq_rm(Pointer memory, int seqId, int p0, int p1);

    public static native int llama_memory_seq_pos_max(Pointer memory, int seqId);

    public static native int llama_decode(Pointer ctx, LlamaBatch.ByValue batch);

    public static native @Nullable Pointer llama_get_logits_ith(Pointer ctx, int i);

    // samplers
    public static native @Nullable Pointer llama_sampler_chain_init(LlamaSamplerChainParams.ByValue params);

    public static native void llama_sampler_chain_add(Pointer chain, Pointer sampler);

    public static native @Nullable Pointer llama_sampler_init_greedy();

    public static native @Nullable Pointer llama_sampler_init_dist(int seed);

    public static native @Nullable Pointer llama_sampler_init_top_k(int k);

    public static native @Nullable Pointer llama_sampler_init_top_p(float p, long minKeep);

    public static native @Nullable Pointer llama_sampler_init_temp(float t);

    public static native @Nullable Pointer llama_sampler_init_grammar(Pointer vocab, String grammar, String root);

    public static native int llama_sampler_sample(Pointer sampler, Pointer ctx, int idx);

    public static native void llama_sampler_apply(Pointer sampler, Pointer tokenDataArray);

    public static native void llama_sampler_accept(Pointer sampler, int token);

    public static native void llama_sampler_reset(Pointer sampler);

    public static native void llama_sampler_free(Pointer sampler);
}
