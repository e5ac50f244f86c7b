package io.clituner.benchmarks.eval.metrics;

/**
 * A metric's value with its 95% confidence interval.
 *
 * @param value the point estimate
 * @param low   lower bound of the 95% interval
 * @param high  upper bound
 * @param n     observations it rests on
 */
public record Estimate(double value, double low, double high, int n) {}
