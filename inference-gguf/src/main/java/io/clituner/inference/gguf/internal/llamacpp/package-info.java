/**
 * Not API: JNA direct mappings of the part of llama.cpp's C API the engine calls, and the loading of the pinned
 * libraries.
 */
@NullMarked
package io.clituner.inference.gguf.internal.llamacpp;

import org.jspecify.annotations.NullMarked;
