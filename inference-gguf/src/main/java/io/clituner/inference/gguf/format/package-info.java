/**
 * Reads and validates GGUF files in Java (header, metadata, tensor table, digests) so a corrupt file is a typed
 * error, never a native crash.
 */
@NullMarked
package io.clituner.inference.gguf.format;

import org.jspecify.annotations.NullMarked;
