/**
 * Not API: loaded models shared between engines, their cache, idle reaping and the native log bridge.
 */
@NullMarked
package io.clituner.inference.gguf.internal.binding;

import org.jspecify.annotations.NullMarked;
