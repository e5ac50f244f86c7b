/**
 * Closing native-backed resources safely: {@link io.clituner.core.lifecycle.CloseGate} makes close idempotent and
 * waits for calls in flight.
 */
@NullMarked
package io.clituner.core.lifecycle;

import org.jspecify.annotations.NullMarked;
