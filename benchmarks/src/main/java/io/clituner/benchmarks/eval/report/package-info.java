@NullMarked
package io.clituner.benchmarks.eval.report;

import org.jspecify.annotations.NullMarked;
