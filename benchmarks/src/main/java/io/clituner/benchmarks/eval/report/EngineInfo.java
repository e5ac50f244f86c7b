package io.clituner.benchmarks.eval.report;

/** The engine under test as it identifies its model. */
public record EngineInfo(String engine, String modelId, String modelVersion, String modelSha256) {}
