/**
 * Safety policies: level, limits, allowed and denied programs, and deny rules read from policy files.
 */
@NullMarked
package io.clituner.guardrails.policy;

import org.jspecify.annotations.NullMarked;
