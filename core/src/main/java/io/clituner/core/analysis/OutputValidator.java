package io.clituner.core.analysis;

import io.clituner.core.NormalizedRequest;
import io.clituner.core.RawModelOutput;

/**
 * SPI for the output-validation trust boundary: turns untrusted model text into exactly one
 * command (stripping code fences, prompts and prose), enforces format and length, and judges it
 * with a {@link CommandAnalyzer}. The default (module {@code guardrails}) is found with
 * {@link java.util.ServiceLoader}; a pipeline refuses to start without one.
 */
public interface OutputValidator {
    /**
     * Extracts the one command from the model output and judges it.
     *
     * @throws io.clituner.core.error.OutputRejectedException when no single well-formed command can be extracted
     */
    ValidatedCommand validate(RawModelOutput output, NormalizedRequest request);

    String policyVersion();
}
