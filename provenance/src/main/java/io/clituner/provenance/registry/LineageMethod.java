package io.clituner.provenance.registry;

/** How a child version was made from its parent(s). */
public enum LineageMethod {
    SNAPSHOT,
    FINE_TUNE_FULL,
    FINE_TUNE_LORA,
    FINE_TUNE_QLORA,
    QUANTIZE,
    MERGE,
    DISTILL
}
