/**
 * Feedback on verdicts (false positives and negatives) kept in an append-only log.
 */
@NullMarked
package io.clituner.guardrails.feedback;

import org.jspecify.annotations.NullMarked;
