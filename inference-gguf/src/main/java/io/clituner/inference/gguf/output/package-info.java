/**
 * How generation becomes one command line: the one-line grammar, or the parser that finds the first command in free
 * text and stops generation there.
 */
@NullMarked
package io.clituner.inference.gguf.output;

import org.jspecify.annotations.NullMarked;
