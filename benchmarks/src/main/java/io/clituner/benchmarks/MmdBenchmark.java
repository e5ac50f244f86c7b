package io.clituner.benchmarks;

import io.clituner.inference.djl.drift.MmdResult;
import io.clituner.inference.djl.drift.MmdTest;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * How long does the drift test take on two windows of 500 embeddings (384 dims) on the CPU:
 * median-heuristic RBF kernel, unbiased MMD² and a permutation p-value? Target ≤ 1 s.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class MmdBenchmark {
    @Param({"100", "500"})
    int permutations;

    private float[][] reference;
    private float[][] current;

    @Setup(Level.Trial)
    public void data() {
        System.setProperty("ai.djl.offline", "true");
        reference = BankSearchBenchmark.unitVectors(500, new Random(2));
        current = BankSearchBenchmark.unitVectors(500, new Random(3));
    }

    @Benchmark
    public MmdResult mmd500x500() {
        return MmdTest.test(reference, current, permutations, 42);
    }
}
