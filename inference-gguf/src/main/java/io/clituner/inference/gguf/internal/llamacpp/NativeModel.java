package io.clituner.inference.gguf.internal.llamacpp;

import com.sun.jna.Pointer;
import io.clituner.core.error.ErrorCode;
import io.clituner.core.error.ModelFileException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One {@code llama_model *} shared by every engine on the same file (same SHA-256) and GPU-layer count in this
 * process, reference counted: {@link #acquire} loads it on first use, {@link #release} frees it when the last
 * engine lets go. Contexts (KV cache, threads) are per engine; the weights exist once.
 */
public final class NativeModel {
    /** Identity of a loaded model: file digest and GPU layers (the weights' placement). */
    public record Key(String sha256, int gpuLayers) {}

    private static final Map<Key, NativeModel> LOADED = new HashMap<>();

    private final Key key;
    private final Pointer model;
    private final Pointer vocab;
    private final int vocabSize;
    private final int trainedContext;
    private final int layers;
    private final @Nullable String chatTemplate;
    private int references;

    private NativeModel(Key key, Pointer model, Pointer vocab) {
        this.key = key;
        this.model = model;
        this.vocab = vocab;
        this.vocabSize = Llama.llama_vocab_n_tokens(vocab);
        this.trainedContext = Llama.llama_model_n_ctx_train(model);
        this.layers = Llama.llama_model_n_layer(model);
        Pointer t = Llama.llama_model_chat_template(model, null);
        this.chatTemplate = t == null ? null : t.getString(0, StandardCharsets.UTF_8.name());
    }

    /**
     * The loaded model for this file, loading it if no engine holds it.
     *
     * @throws ModelFileException llama.cpp refused the file (unknown architecture, missing tensors, …)
     */
    public static NativeModel acquire(Path file, Key key) {
        synchronized (LOADED) {
            NativeModel m = LOADED.get(key);
            if (m == null) {
                LlamaModelParams.ByValue p = Llama.llama_model_default_params();
                p.n_gpu_layers = key.gpuLayers();
                LlamaLog.clearProblems();
                Pointer model =
                        Llama.llama_model_load_from_file(file.toAbsolutePath().toString(), p);
                if (model == null) {
                    throw new ModelFileException(
                            ErrorCode.MODEL_LOAD_FAILED,
                            "llama.cpp could not load " + file.getFileName() + ": " + LlamaLog.recentProblems());
                }
                Pointer vocab = Llama.llama_model_get_vocab(model);
                if (vocab == null) {
                    Llama.llama_model_free(model);
                    throw new ModelFileException(
                            ErrorCode.MODEL_LOAD_FAILED,
                            "llama.cpp loaded " + file.getFileName() + " without a vocabulary");
                }
                m = new NativeModel(key, model, vocab);
                LOADED.put(key, m);
            }
            m.references++;
            return m;
        }
    }

    /** Drops one reference; the last one frees the weights. */
    public void release() {
        synchronized (LOADED) {
            if (references <= 0) {
                return;
            }
            if (--references == 0) {
                LOADED.remove(key);
                Llama.llama_model_free(model);
            }
        }
    }

    /** Models currently loaded in this process (for tests and diagnostics). */
    public static int loadedCount() {
        synchronized (LOADED) {
            return LOADED.size();
        }
    }

    public Key key() {
        return key;
    }

    public Pointer handle() {
        return model;
    }

    public Pointer vocab() {
        return vocab;
    }

    public int vocabSize() {
        return vocabSize;
    }

    public int trainedContext() {
        return trainedContext;
    }

    public int layers() {
        return layers;
    }

    /** {@code tokenizer.chat_template} as llama.cpp read it, or null. */
    /** The model's own chat template text, or null when the file carries none. */
    public @Nullable String chatTemplate() {
        return chatTemplate;
    }
}
