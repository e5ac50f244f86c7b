/**
 * The engine on the pinned current llama.cpp libraries: configuration, chat rendering and CPU settings.
 */
@NullMarked
package io.clituner.inference.gguf.llamacpp;

import org.jspecify.annotations.NullMarked;
