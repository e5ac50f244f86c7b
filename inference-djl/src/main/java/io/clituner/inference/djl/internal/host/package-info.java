/**
 * Not API: the programs installed on the host, to prefer answers that can run there.
 */
@NullMarked
package io.clituner.inference.djl.internal.host;

import org.jspecify.annotations.NullMarked;
