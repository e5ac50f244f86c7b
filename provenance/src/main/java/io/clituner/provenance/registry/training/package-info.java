@NullMarked
package io.clituner.provenance.registry.training;

import org.jspecify.annotations.NullMarked;
