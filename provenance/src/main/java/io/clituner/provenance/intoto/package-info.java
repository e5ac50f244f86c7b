@NullMarked
package io.clituner.provenance.intoto;

import org.jspecify.annotations.NullMarked;
