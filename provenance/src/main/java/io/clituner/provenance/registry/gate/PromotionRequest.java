package io.clituner.provenance.registry.gate;

import io.clituner.provenance.registry.Stage;
import io.clituner.provenance.registry.VersionRef;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Ask to move {@code version} to {@code target}. {@code expectedRevision} (optional, like HTTP
 * If-Match) pins the revision the promoter looked at; the promotion fails with REGISTRY_CONFLICT if
 * the version changed since. Without it, the revision read at the start of the promotion is used.
 */
public record PromotionRequest(
        VersionRef version,
        Stage target,
        PromotionEvidence evidence,
        @Nullable Long expectedRevision) {
    public PromotionRequest {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(target, "target");
        evidence = evidence == null ? PromotionEvidence.NONE : evidence;
    }

    public static PromotionRequest to(VersionRef version, Stage target, PromotionEvidence evidence) {
        return new PromotionRequest(version, target, evidence, null);
    }
}
