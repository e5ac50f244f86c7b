/**
 * One generation's result and settings: sampling, why it stopped, and how sure the model was.
 */
@NullMarked
package io.clituner.inference.gguf.generation;

import org.jspecify.annotations.NullMarked;
