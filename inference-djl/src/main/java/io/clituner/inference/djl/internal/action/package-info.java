/**
 * Not API: what a request asks for and what a command does, compared so that a command doing something else is
 * refused.
 */
@NullMarked
package io.clituner.inference.djl.internal.action;

import org.jspecify.annotations.NullMarked;
