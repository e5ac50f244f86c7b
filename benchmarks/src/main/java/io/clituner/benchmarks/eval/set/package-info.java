@NullMarked
package io.clituner.benchmarks.eval.set;

import org.jspecify.annotations.NullMarked;
