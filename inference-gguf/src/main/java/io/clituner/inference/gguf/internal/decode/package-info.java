/**
 * Not API: one decode session over a native context: prompt, sampling loop and stop conditions.
 */
@NullMarked
package io.clituner.inference.gguf.internal.decode;

import org.jspecify.annotations.NullMarked;
