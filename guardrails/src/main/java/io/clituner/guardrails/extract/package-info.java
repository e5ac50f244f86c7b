/**
 * Pulls the one command out of a model's raw output (code fences, prompts, explanations) before it is judged.
 */
@NullMarked
package io.clituner.guardrails.extract;

import org.jspecify.annotations.NullMarked;
