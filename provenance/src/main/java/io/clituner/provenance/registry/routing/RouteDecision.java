package io.clituner.provenance.registry.routing;

import io.clituner.provenance.registry.TargetRef;
import io.clituner.provenance.registry.VersionRef;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Where a capability's request goes: the version chosen, the candidate it was reached through,
 * whether that was a fallback, the shadow version (if one is configured and usable) and why the
 * other candidates were passed over.
 */
public record RouteDecision(
        String capability,
        VersionRef version,
        TargetRef via,
        boolean fallback,
        @Nullable VersionRef shadow,
        List<String> skipped) {
    public RouteDecision {
        skipped = List.copyOf(skipped);
    }
}
