@NullMarked
package io.clituner.benchmarks.eval.metrics;

import org.jspecify.annotations.NullMarked;
