/**
 * The in-process GGUF engine (llama.cpp through JNI): configuration, provider and engine.
 */
@NullMarked
package io.clituner.inference.gguf;

import org.jspecify.annotations.NullMarked;
