/**
 * Evaluation of the retrieval engine on held-out pairs.
 */
@NullMarked
package io.clituner.inference.djl.eval;

import org.jspecify.annotations.NullMarked;
