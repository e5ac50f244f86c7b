@NullMarked
package io.clituner.provenance.registry.routing;

import org.jspecify.annotations.NullMarked;
