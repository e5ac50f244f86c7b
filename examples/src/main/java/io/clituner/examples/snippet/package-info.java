@NullMarked
package io.clituner.examples.snippet;

import org.jspecify.annotations.NullMarked;
