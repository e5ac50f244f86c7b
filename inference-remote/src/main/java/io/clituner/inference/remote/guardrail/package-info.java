/**
 * The bash analyzer as a LangChain4j output guardrail: judges the command in an AI service's response and in its
 * tool calls.
 */
@NullMarked
package io.clituner.inference.remote.guardrail;

import org.jspecify.annotations.NullMarked;
