@NullMarked
package io.clituner.provenance.registry.policy;

import org.jspecify.annotations.NullMarked;
