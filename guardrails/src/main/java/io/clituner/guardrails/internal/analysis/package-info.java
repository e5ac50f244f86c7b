/**
 * Not API: walks a parsed command line and records what it would do (programs run, files written, code run through
 * other shells and languages); rules read its results.
 */
@NullMarked
package io.clituner.guardrails.internal.analysis;

import org.jspecify.annotations.NullMarked;
