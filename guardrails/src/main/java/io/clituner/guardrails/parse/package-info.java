/**
 * The bash parser: lexer, words, redirects and compound commands, producing the {@link
 * io.clituner.guardrails.parse.Ast}.
 */
@NullMarked
package io.clituner.guardrails.parse;

import org.jspecify.annotations.NullMarked;
