/**
 * Routes each request to the model the registry names for it, with fallbacks and shadow runs.
 */
@NullMarked
package io.clituner.inference.remote.routing;

import org.jspecify.annotations.NullMarked;
