@NullMarked
package io.clituner.provenance.registry.gate;

import org.jspecify.annotations.NullMarked;
