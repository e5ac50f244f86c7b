@NullMarked
package io.clituner.benchmarks.calibration;

import org.jspecify.annotations.NullMarked;
