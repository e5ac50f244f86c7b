@NullMarked
package io.clituner.provenance.registry;

import org.jspecify.annotations.NullMarked;
