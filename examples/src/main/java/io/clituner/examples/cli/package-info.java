@NullMarked
package io.clituner.examples.cli;

import org.jspecify.annotations.NullMarked;
