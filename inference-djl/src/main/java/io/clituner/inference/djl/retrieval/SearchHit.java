package io.clituner.inference.djl.retrieval;

/** One search result: the row in the index and its cosine similarity to the query. */
public record SearchHit(int index, float score) {}
