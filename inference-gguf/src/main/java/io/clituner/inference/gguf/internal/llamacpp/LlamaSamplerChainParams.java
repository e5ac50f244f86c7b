package io.clituner.inference.gguf.internal.llamacpp;

import com.sun.jna.Structure;

/** {@code struct llama_sampler_chain_params} of the pinned llama.h (checked by {@code StructLayoutTest}). */
@Structure.FieldOrder({"no_perf"})
public class LlamaSamplerChainParams extends Structure {
    public byte no_perf;

    /** Passed and returned by value. */
    public static final class ByValue extends LlamaSamplerChainParams implements Structure.ByValue {}
}
