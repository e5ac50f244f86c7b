package io.clituner.inference.gguf.internal.llamacpp;

import com.sun.jna.Pointer;
import com.sun.jna.Structure;
import org.jspecify.annotations.Nullable;

/**
 * {@code struct llama_batch} of the pinned llama.h (checked by {@code StructLayoutTest}). Used as
 * {@code llama_batch_get_one} builds it: tokens only, positions tracked by llama.cpp, logits for the last
 * token only.
 */
@Structure.FieldOrder({"n_tokens", "token", "embd", "pos", "n_seq_id", "seq_id", "logits"})
public class LlamaBatch extends Structure {
    public int n_tokens;
    public @Nullable Pointer token;
    public @Nullable Pointer embd;
    public @Nullable Pointer pos;
    public @Nullable Pointer n_seq_id;
    public @Nullable Pointer seq_id;
    public @Nullable Pointer logits;

    /** Passed by value to {@code llama_decode}. */
    public static final class ByValue extends LlamaBatch implements Structure.ByValue {}
}
