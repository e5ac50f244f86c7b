/**
 * The retrieval engine: finds the bank examples nearest a request (embeddings, BM25, program priors) and answers
 * with an adapted command.
 */
@NullMarked
package io.clituner.inference.djl.retrieval;

import org.jspecify.annotations.NullMarked;
