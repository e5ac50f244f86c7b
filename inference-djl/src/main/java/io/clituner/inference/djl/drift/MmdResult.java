package io.clituner.inference.djl.drift;

/**
 * A two-sample test on embeddings.
 *
 * @param mmd2         unbiased estimate of the squared maximum mean discrepancy (can be slightly negative)
 * @param pValue       permutation-test p-value: (1 + permutations with a statistic ≥ the observed one) / (1 + permutations)
 * @param bandwidth    RBF kernel width σ, with σ² = median pairwise squared distance of the pooled sample / 2
 * @param permutations permutations drawn
 */
public record MmdResult(double mmd2, double pValue, double bandwidth, int permutations) {}
