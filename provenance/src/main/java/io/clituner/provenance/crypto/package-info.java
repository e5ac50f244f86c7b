@NullMarked
package io.clituner.provenance.crypto;

import org.jspecify.annotations.NullMarked;
