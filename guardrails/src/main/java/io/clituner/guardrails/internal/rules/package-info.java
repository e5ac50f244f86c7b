/**
 * Not API: the rule book, one factory method per rule, matching over the analysis of a command.
 */
@NullMarked
package io.clituner.guardrails.internal.rules;

import org.jspecify.annotations.NullMarked;
