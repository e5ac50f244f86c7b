/**
 * Not API: expands bash words (parameters, braces, tildes, globs, escapes) into the values a command would see.
 */
@NullMarked
package io.clituner.guardrails.internal.expand;

import org.jspecify.annotations.NullMarked;
