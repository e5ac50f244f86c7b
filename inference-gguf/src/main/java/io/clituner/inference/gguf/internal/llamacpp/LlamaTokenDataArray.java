package io.clituner.inference.gguf.internal.llamacpp;

import com.sun.jna.Pointer;
import com.sun.jna.Structure;
import org.jspecify.annotations.Nullable;

/**
 * {@code llama_token_data_array} of the pinned llama.h (checked by {@code StructLayoutTest}); its {@code data}
 * points at {@code size} entries of {@code llama_token_data} ({@code int32 id; float logit; float p}, 12 bytes).
 */
@Structure.FieldOrder({"data", "size", "selected", "sorted"})
public class LlamaTokenDataArray extends Structure {
    public static final int TOKEN_DATA_BYTES = 12;

    public @Nullable Pointer data;
    public long size;
    public long selected;
    public byte sorted;

    public LlamaTokenDataArray() {}

    public LlamaTokenDataArray(Pointer p) {
        super(p);
    }
}
