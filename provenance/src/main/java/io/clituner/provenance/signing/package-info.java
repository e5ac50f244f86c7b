@NullMarked
package io.clituner.provenance.signing;

import org.jspecify.annotations.NullMarked;
