package io.clituner.benchmarks;

import io.clituner.core.engine.EngineSettings;
import io.clituner.core.engine.InferenceEngine;
import io.clituner.core.engine.InferenceEngines;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

/**
 * How long does opening the zero-configuration engine take (EngineSettings.defaults() through
 * ServiceLoader: MiniLM session, tokenizer, built-in bank embeddings from the disk cache, search
 * index; on a machine without a GPU no PyTorch is loaded)? Target &lt; 3 s. Single shot: run with
 * {@code -f 3 -wi 0 -i 1} for cold starts in fresh JVMs, or the default for warm reopenings.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 0)
@Measurement(iterations = 5)
public class RetrievalEngineStartBenchmark {
    @Benchmark
    public String openAndClose() {
        System.setProperty("ai.djl.offline", "true");
        try (InferenceEngine engine = InferenceEngines.open(EngineSettings.defaults())) {
            return engine.model().sha256();
        }
    }
}
