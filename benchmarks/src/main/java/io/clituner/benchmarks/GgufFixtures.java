package io.clituner.benchmarks;

import io.clituner.core.NormalizedRequest;
import io.clituner.core.RawModelOutput;
import io.clituner.core.engine.InferenceEngine;
import io.clituner.core.engine.ModelIdentity;
import io.clituner.core.engine.Prompt;
import io.clituner.inference.gguf.GgufEngineConfig;
import io.clituner.inference.gguf.llamacpp.LlamaCppConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** The tiny GGUF model and an engine wrapper that times what the pipeline spends inside the engine. */
final class GgufFixtures {
    /** Varied so every pipeline call is a cache miss even where the cache is on. */
    static final List<String> QUERIES = List.of(
            "list all pdf files",
            "show disk usage of this folder",
            "find files larger than 100 MB",
            "count lines in every log file",
            "print the current date",
            "show running processes",
            "list hidden files",
            "show free memory");

    private GgufFixtures() {}

    static Path tinyModel() {
        Path p = Path.of(System.getProperty("clituner.shared.dir", "../shared"), "models", "llama-2-tiny-random.gguf");
        if (!Files.isRegularFile(p)) {
            throw new IllegalStateException("benchmark model " + p.toAbsolutePath()
                    + " is absent: run from the repository root or set -Dclituner.shared.dir");
        }
        return p;
    }

    /**
     * One thread (fastest on 2 cores) and 16 new tokens. Grammar off: with random weights the one-line
     * grammar's line never ends within 16 tokens, and the engine refuses an unfinished line
     * (NO_SUGGESTION) before validation; unconstrained, every call reaches the guardrails validator.
     */
    static GgufEngineConfig tinyConfig() {
        return GgufEngineConfig.builder(tinyModel())
                .threads(1)
                .maxTokens(16)
                .grammar(false)
                .build();
    }

    /**
     * The default engine on the trained stories260K model, one thread, grammar on: its lines end on their own, so every
     * call reaches the output validator with one line (random weights would hit maxTokens, a NO_SUGGESTION).
     */
    static LlamaCppConfig llamaCppConfig() {
        return LlamaCppConfig.builder(tinyModel().resolveSibling("stories260K.gguf"))
                .threads(1)
                .maxTokens(48)
                .build();
    }

    /** The same set-up as {@link #llamaCppConfig()} on the de.kherud engine. */
    static GgufEngineConfig storiesConfig() {
        return GgufEngineConfig.builder(tinyModel().resolveSibling("stories260K.gguf"))
                .threads(1)
                .maxTokens(48)
                .build();
    }

    /**
     * Delegates to the real engine and remembers, for the last call on this thread, the time spent in
     * {@code generate} and the part of it spent inside the binding's completion calls (the native
     * forward passes), which the GGUF engine reports as {@code nativeNanos}.
     */
    static final class TimedEngine implements InferenceEngine {
        private final InferenceEngine delegate;
        long lastEngineNanos;
        /** Kept as is: reading its details here would be counted as pipeline time by the overhead benchmark. */
        @Nullable
        RawModelOutput lastOutput;

        TimedEngine(InferenceEngine delegate) {
            this.delegate = delegate;
        }

        /** Time inside the binding's completion calls during the last generate (0 when unknown). */
        long lastNativeNanos() {
            return lastOutput == null ? 0 : Long.parseLong(lastOutput.details().getOrDefault("nativeNanos", "0"));
        }

        int lastCompletionTokens() {
            return lastOutput == null ? 0 : lastOutput.completionTokens();
        }

        @Override
        public ModelIdentity model() {
            return delegate.model();
        }

        @Override
        public RawModelOutput generate(Prompt prompt, NormalizedRequest request) {
            lastEngineNanos = 0;
            lastOutput = null;
            long t = System.nanoTime();
            RawModelOutput out = delegate.generate(prompt, request);
            lastEngineNanos = System.nanoTime() - t;
            lastOutput = out;
            return out;
        }

        @Override
        public boolean usesFewShotExamples() {
            return delegate.usesFewShotExamples();
        }

        @Override
        public void close() {
            delegate.close();
        }
    }
}
