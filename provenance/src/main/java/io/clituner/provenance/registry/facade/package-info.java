@NullMarked
package io.clituner.provenance.registry.facade;

import org.jspecify.annotations.NullMarked;
