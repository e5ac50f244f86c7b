package io.clituner.benchmarks.eval.report;

import java.util.Objects;

/** The engine under test as it identifies its model. */
public record EngineInfo(String engine, String modelId, String modelVersion, String modelSha256) {
    public EngineInfo {
        Objects.requireNonNull(engine, "missing member 'engine.engine'");
        Objects.requireNonNull(modelId, "missing member 'engine.modelId'");
        Objects.requireNonNull(modelVersion, "missing member 'engine.modelVersion'");
        Objects.requireNonNull(modelSha256, "missing member 'engine.modelSha256'");
    }
}
