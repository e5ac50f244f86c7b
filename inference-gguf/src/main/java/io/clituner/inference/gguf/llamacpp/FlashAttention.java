package io.clituner.inference.gguf.llamacpp;

import io.clituner.core.error.ConfigurationException;
import io.clituner.core.error.ErrorCode;
import io.clituner.inference.gguf.internal.llamacpp.LlamaContextParams;
import java.util.Locale;

/**
 * Flash attention, set explicitly: current llama.cpp turns it on by default on the CPU, which changes both speed and
 * (for some models) greedy text. {@link #AUTO} picks by model size from measurements (module README).
 */
public enum FlashAttention {
    ON,
    OFF,
    AUTO;

    /**
     * Parameters at and above which {@link #AUTO} turns flash attention on. Measured 2026-12-02 on the pinned release
     * (module README): it does not pay off for tiny models and helps prompt processing from ~100M parameters on.
     */
    public static final long AUTO_ON_FROM_PARAMETERS = 100_000_000L;

    /** The value for {@code llama_context_params.flash_attn_type}. */
    public int nativeValue(long parameters) {
        boolean on = switch (this) {
            case ON -> true;
            case OFF -> false;
            case AUTO -> parameters >= AUTO_ON_FROM_PARAMETERS;
        };
        return on ? LlamaContextParams.FLASH_ATTN_ENABLED : LlamaContextParams.FLASH_ATTN_DISABLED;
    }

    public static FlashAttention parse(String value) {
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "on", "true" -> ON;
            case "off", "false" -> OFF;
            case "auto" -> AUTO;
            default ->
                throw new ConfigurationException(
                        ErrorCode.CONFIGURATION, "flashAttention must be on, off or auto, got '" + value + "'");
        };
    }
}
