@NullMarked
package io.clituner.core.egress;

import org.jspecify.annotations.NullMarked;
