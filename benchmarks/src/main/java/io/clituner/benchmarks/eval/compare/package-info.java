@NullMarked
package io.clituner.benchmarks.eval.compare;

import org.jspecify.annotations.NullMarked;
