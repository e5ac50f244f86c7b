@NullMarked
package io.clituner.core.analysis;

import org.jspecify.annotations.NullMarked;
