/**
 * Drift detection over the requests a deployment sees (PSI and MMD against a reference window).
 */
@NullMarked
package io.clituner.inference.djl.drift;

import org.jspecify.annotations.NullMarked;
