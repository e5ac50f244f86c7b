package io.clituner.inference.djl.retrieval;

import io.clituner.inference.djl.bank.Example;

/** An example from the bank and its cosine similarity to the query (-1..1). */
public record RetrievedExample(Example example, double similarity) {}
