@NullMarked
package io.clituner.benchmarks.eval;

import org.jspecify.annotations.NullMarked;
