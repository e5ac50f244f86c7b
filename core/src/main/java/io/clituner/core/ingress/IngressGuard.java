package io.clituner.core.ingress;

import io.clituner.core.NormalizedRequest;

/**
 * The first trust boundary: untrusted request in, clean {@link NormalizedRequest} out, or an
 * {@link io.clituner.core.error.InvalidRequestException} listing every problem.
 */
public interface IngressGuard {
    NormalizedRequest admit(CommandRequest request);
}
