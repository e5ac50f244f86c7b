/**
 * The guardrail's entry points: the analyzer that judges a bash command, the output validator the pipeline calls,
 * and the policy loader.
 */
@NullMarked
package io.clituner.guardrails;

import org.jspecify.annotations.NullMarked;
