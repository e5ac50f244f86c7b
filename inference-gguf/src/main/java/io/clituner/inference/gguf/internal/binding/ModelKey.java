package io.clituner.inference.gguf.internal.binding;

/**
 * What a loaded native model depends on: engines that agree on all of it share one load.
 *
 * @param sha256      digest of the GGUF file (not its path: a copy or a symlink shares the load)
 * @param contextSize tokens of context the native context was created with
 * @param threads     CPU threads of the native context
 * @param gpuLayers   layers offloaded to a GPU
 */
public record ModelKey(String sha256, int contextSize, int threads, int gpuLayers) {}
