@NullMarked
package io.clituner.core.error;

import org.jspecify.annotations.NullMarked;
