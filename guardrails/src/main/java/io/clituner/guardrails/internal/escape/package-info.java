/**
 * Not API: the one backslash-escape decoder, shared by every dialect that decodes escapes.
 */
@NullMarked
package io.clituner.guardrails.internal.escape;

import org.jspecify.annotations.NullMarked;
