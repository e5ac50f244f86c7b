@NullMarked
package io.clituner.core.hash;

import org.jspecify.annotations.NullMarked;
