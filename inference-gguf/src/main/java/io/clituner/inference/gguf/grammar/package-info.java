/**
 * The GBNF grammar that constrains generation to one shell command.
 */
@NullMarked
package io.clituner.inference.gguf.grammar;

import org.jspecify.annotations.NullMarked;
