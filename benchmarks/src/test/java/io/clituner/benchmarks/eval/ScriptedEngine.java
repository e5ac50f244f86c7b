package io.clituner.benchmarks.eval;

import io.clituner.core.NormalizedRequest;
import io.clituner.core.RawModelOutput;
import io.clituner.core.engine.InferenceEngine;
import io.clituner.core.engine.ModelIdentity;
import io.clituner.core.engine.Prompt;
import io.clituner.core.error.ErrorCode;
import io.clituner.core.error.InferenceException;
import io.clituner.core.hash.Digests;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** An engine whose answers are given in advance, in the order the evaluator asks (one per task). */
final class ScriptedEngine implements InferenceEngine {
    private final ModelIdentity model;
    private final Iterator<String> answers;
    private final Function<String, Double> confidence;

    ScriptedEngine(String name, List<String> answers, Function<String, Double> confidence) {
        this.model = new ModelIdentity(name, "1", Digests.sha256Hex(name), "scripted", Map.of());
        this.answers = answers.iterator();
        this.confidence = confidence;
    }

    @Override
    public ModelIdentity model() {
        return model;
    }

    @Override
    public RawModelOutput generate(Prompt prompt, NormalizedRequest request) {
        if (!answers.hasNext()) {
            throw new InferenceException(ErrorCode.INFERENCE_FAILED, "script exhausted");
        }
        String a = answers.next();
        return new RawModelOutput(a, confidence.apply(a), "scripted", 0, 0, Duration.ZERO, Map.of());
    }

    @Override
    public boolean usesFewShotExamples() {
        return false;
    }

    @Override
    public void close() {}
}
