@NullMarked
package io.clituner.core.ingress;

import org.jspecify.annotations.NullMarked;
