@NullMarked
package io.clituner.benchmarks;

import org.jspecify.annotations.NullMarked;
