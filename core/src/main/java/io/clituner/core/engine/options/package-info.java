/**
 * Typed engine options: each provider declares its keys ({@link io.clituner.core.engine.options.OptionSpec}); an
 * unknown key or a bad value is a configuration error naming the key and the accepted values.
 */
@NullMarked
package io.clituner.core.engine.options;

import org.jspecify.annotations.NullMarked;
