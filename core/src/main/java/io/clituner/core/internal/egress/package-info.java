/**
 * Not API: builds the provenance record of a response. May change at any time.
 */
@NullMarked
package io.clituner.core.internal.egress;

import org.jspecify.annotations.NullMarked;
