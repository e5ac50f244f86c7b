package io.clituner.inference.remote.routing;

import io.clituner.core.engine.InferenceEngine;
import io.clituner.core.pipeline.Pipeline;

/** An engine and the pipeline that runs it for one routed target. */
record Served(InferenceEngine engine, Pipeline pipeline) {}
