/**
 * Confidence calibration: features of an answer and the fitted model that maps them to a probability of being
 * right.
 */
@NullMarked
package io.clituner.inference.djl.calibration;

import org.jspecify.annotations.NullMarked;
