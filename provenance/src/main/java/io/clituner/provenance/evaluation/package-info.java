@NullMarked
package io.clituner.provenance.evaluation;

import org.jspecify.annotations.NullMarked;
