/**
 * The example bank: NL and command pairs, their embeddings, and the programs they use.
 */
@NullMarked
package io.clituner.inference.djl.bank;

import org.jspecify.annotations.NullMarked;
