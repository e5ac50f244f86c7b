package io.clituner.benchmarks.eval;

import io.clituner.core.NormalizedRequest;
import io.clituner.core.RawModelOutput;
import io.clituner.core.engine.InferenceEngine;
import io.clituner.core.engine.ModelIdentity;
import io.clituner.core.engine.Prompt;
import org.jspecify.annotations.Nullable;

/**
 * Passes through to the engine under test and keeps its last raw output, which the pipeline does not
 * hand out: the command-only rate and token throughput are measured on it. Does not own the engine.
 */
final class RecordingEngine implements InferenceEngine {
    private final InferenceEngine delegate;
    private @Nullable RawModelOutput last;
    private long lastNanos;

    RecordingEngine(InferenceEngine delegate) {
        this.delegate = delegate;
    }

    void reset() {
        last = null;
        lastNanos = 0;
    }

    @Nullable
    RawModelOutput last() {
        return last;
    }

    long lastNanos() {
        return lastNanos;
    }

    @Override
    public ModelIdentity model() {
        return delegate.model();
    }

    @Override
    public RawModelOutput generate(Prompt prompt, NormalizedRequest request) {
        long t = System.nanoTime();
        try {
            RawModelOutput out = delegate.generate(prompt, request);
            last = out;
            return out;
        } finally {
            lastNanos = System.nanoTime() - t;
        }
    }

    @Override
    public boolean usesFewShotExamples() {
        return delegate.usesFewShotExamples();
    }

    @Override
    public void close() {
        // the caller owns the engine under test
    }
}
