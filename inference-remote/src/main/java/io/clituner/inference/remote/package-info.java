/**
 * The remote engine: an OpenAI-compatible HTTP endpoint as an inference engine, with its configuration and API key.
 */
@NullMarked
package io.clituner.inference.remote;

import org.jspecify.annotations.NullMarked;
