@NullMarked
package io.clituner.provenance.registry.access;

import org.jspecify.annotations.NullMarked;
