package io.clituner.provenance.registry.routing;

import io.clituner.core.error.CliTunerException;
import io.clituner.core.error.ErrorCode;
import io.clituner.provenance.registry.TargetRef;

/** A primary candidate for a capability: a version or alias ({@code model@champion}) and its traffic weight. */
public record RouteCandidate(TargetRef target, int weight) {
    public RouteCandidate {
        if (target == null || target.isModel()) {
            throw new CliTunerException(
                    ErrorCode.REGISTRY_INVALID, "a route candidate names a version or an alias, e.g. coder@champion");
        }
        if (weight <= 0 || weight > 1_000_000) {
            throw new CliTunerException(
                    ErrorCode.REGISTRY_INVALID,
                    "route weight of " + target + " must be between 1 and 1000000, was " + weight);
        }
    }

    public static RouteCandidate parse(String text, int weight) {
        return new RouteCandidate(TargetRef.parse(text), weight);
    }
}
