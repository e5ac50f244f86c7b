@NullMarked
package io.clituner.benchmarks.eval.safety;

import org.jspecify.annotations.NullMarked;
