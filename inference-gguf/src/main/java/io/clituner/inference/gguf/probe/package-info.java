/**
 * Opt-in for untrusted model files: loads the model and generates a few tokens in a separate JVM first, so that a
 * native crash kills that process, not the host.
 */
@NullMarked
package io.clituner.inference.gguf.probe;

import org.jspecify.annotations.NullMarked;
