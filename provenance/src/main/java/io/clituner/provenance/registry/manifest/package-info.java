@NullMarked
package io.clituner.provenance.registry.manifest;

import org.jspecify.annotations.NullMarked;
