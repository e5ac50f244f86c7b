@NullMarked
package io.clituner.core.metrics;

import org.jspecify.annotations.NullMarked;
