/**
 * The sentence-embedding model, run on OnnxRuntime.
 */
@NullMarked
package io.clituner.inference.djl.embedding;

import org.jspecify.annotations.NullMarked;
