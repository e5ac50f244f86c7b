@NullMarked
package io.clituner.provenance.registry.identity;

import org.jspecify.annotations.NullMarked;
