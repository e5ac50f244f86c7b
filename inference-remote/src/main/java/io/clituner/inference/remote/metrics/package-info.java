/**
 * Per-endpoint request and latency statistics.
 */
@NullMarked
package io.clituner.inference.remote.metrics;

import org.jspecify.annotations.NullMarked;
