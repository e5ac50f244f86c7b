@NullMarked
package io.clituner.core.prompt;

import org.jspecify.annotations.NullMarked;
