/**
 * Process-wide DJL set-up: the runtime's host defaults (opt-in) and whether PyTorch would see a GPU, answered
 * without loading libtorch where possible.
 */
@NullMarked
package io.clituner.inference.djl;

import org.jspecify.annotations.NullMarked;
