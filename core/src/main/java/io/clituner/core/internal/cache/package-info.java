@NullMarked
package io.clituner.core.internal.cache;

import org.jspecify.annotations.NullMarked;
