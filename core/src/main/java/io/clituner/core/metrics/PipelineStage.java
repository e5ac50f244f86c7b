package io.clituner.core.metrics;

/** The pipeline's trust boundaries, in order. Execution is not a stage: the library never executes. */
public enum PipelineStage {
    INGRESS,
    PROMPT,
    INFERENCE,
    VALIDATION,
    EGRESS,
    /** The whole request, end to end. */
    TOTAL
}
