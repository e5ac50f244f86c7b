@NullMarked
package io.clituner.provenance.audit;

import org.jspecify.annotations.NullMarked;
