/**
 * The rule book as hosts see it: {@link io.clituner.guardrails.rules.RuleInfo}, one per rule, from
 * {@link io.clituner.guardrails.BashCommandAnalyzer#rules()}. The rules themselves (matchers over the analysis of a
 * command) live in {@code io.clituner.guardrails.internal.rules} and may change at any time.
 */
@NullMarked
package io.clituner.guardrails.rules;

import org.jspecify.annotations.NullMarked;
