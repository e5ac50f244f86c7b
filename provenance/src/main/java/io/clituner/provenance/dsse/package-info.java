@NullMarked
package io.clituner.provenance.dsse;

import org.jspecify.annotations.NullMarked;
