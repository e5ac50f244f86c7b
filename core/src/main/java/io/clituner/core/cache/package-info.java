@NullMarked
package io.clituner.core.cache;

import org.jspecify.annotations.NullMarked;
