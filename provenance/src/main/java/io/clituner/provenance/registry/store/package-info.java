@NullMarked
package io.clituner.provenance.registry.store;

import org.jspecify.annotations.NullMarked;
