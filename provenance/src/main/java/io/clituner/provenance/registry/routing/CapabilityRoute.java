package io.clituner.provenance.registry.routing;

import io.clituner.core.error.CliTunerException;
import io.clituner.core.error.ErrorCode;
import io.clituner.provenance.registry.Names;
import io.clituner.provenance.registry.TargetRef;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Which models serve a capability: weighted primaries, then explicit fallbacks tried in order when
 * no primary is permitted, servable and healthy, and an optional shadow that receives a copy of the
 * traffic for comparison (its answers are never returned to users).
 */
public record CapabilityRoute(
        String capability,
        List<RouteCandidate> primaries,
        List<TargetRef> fallbacks,
        @Nullable TargetRef shadow) {
    public CapabilityRoute {
        Names.capability(capability);
        if (primaries == null || primaries.isEmpty()) {
            throw new CliTunerException(
                    ErrorCode.REGISTRY_INVALID, "route " + capability + " needs at least one primary candidate");
        }
        primaries = List.copyOf(primaries);
        fallbacks = List.copyOf(fallbacks == null ? List.of() : fallbacks);
        for (TargetRef f : fallbacks) {
            if (f.isModel()) {
                throw new CliTunerException(
                        ErrorCode.REGISTRY_INVALID, "fallback " + f + " must name a version or an alias");
            }
        }
        if (shadow != null && shadow.isModel()) {
            throw new CliTunerException(
                    ErrorCode.REGISTRY_INVALID, "shadow " + shadow + " must name a version or an alias");
        }
    }
}
