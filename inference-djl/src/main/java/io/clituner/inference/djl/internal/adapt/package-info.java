/**
 * Not API: adapts a retrieved command to the request's own entities (file names, sizes, times, patterns).
 */
@NullMarked
package io.clituner.inference.djl.internal.adapt;

import org.jspecify.annotations.NullMarked;
