package io.clituner.inference.gguf.format;

/**
 * A metadata array, validated but not retained (a tokenizer's 150k strings stay on disk).
 *
 * @param elementType type of every element
 * @param length      number of elements
 */
public record GgufArray(GgufValueType elementType, long length) {}
