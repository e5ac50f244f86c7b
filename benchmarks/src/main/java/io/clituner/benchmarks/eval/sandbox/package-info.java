@NullMarked
package io.clituner.benchmarks.eval.sandbox;

import org.jspecify.annotations.NullMarked;
