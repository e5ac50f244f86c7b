package io.clituner.inference.gguf.format;

import java.util.List;

/**
 * A metadata array, validated but not retained (a tokenizer's 150k strings stay on disk); small
 * integer arrays (per-layer hyperparameters such as head counts) keep their values.
 *
 * @param elementType type of every element
 * @param length      number of elements
 * @param values      the elements of an integer array of at most {@value #MAX_KEPT} elements, else empty
 */
public record GgufArray(GgufValueType elementType, long length, List<Long> values) {
    /** Per-layer arrays have at most llama.cpp's LLAMA_MAX_LAYERS (512) elements. */
    public static final int MAX_KEPT = 1024;

    public GgufArray {
        values = List.copyOf(values);
    }

    public GgufArray(GgufValueType elementType, long length) {
        this(elementType, length, List.of());
    }
}
