@NullMarked
package io.clituner.core.engine;

import org.jspecify.annotations.NullMarked;
