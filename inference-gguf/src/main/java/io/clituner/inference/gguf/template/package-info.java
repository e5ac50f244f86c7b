/**
 * Chat formats and templates used to render a prompt for a model.
 */
@NullMarked
package io.clituner.inference.gguf.template;

import org.jspecify.annotations.NullMarked;
