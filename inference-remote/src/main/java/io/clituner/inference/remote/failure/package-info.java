/**
 * Maps what LangChain4j's OpenAI client and the JDK HTTP client throw to typed remote failures.
 */
@NullMarked
package io.clituner.inference.remote.failure;

import org.jspecify.annotations.NullMarked;
