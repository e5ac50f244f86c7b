@NullMarked
package io.clituner.core;

import org.jspecify.annotations.NullMarked;
