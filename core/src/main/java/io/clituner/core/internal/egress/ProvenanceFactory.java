package io.clituner.core.internal.egress;

import io.clituner.core.GenerationProvenance;
import io.clituner.core.NormalizedRequest;
import io.clituner.core.RiskLevel;
import io.clituner.core.ValidationOutcome;
import io.clituner.core.analysis.ValidatedCommand;
import io.clituner.core.egress.RequestIds;
import io.clituner.core.engine.ModelIdentity;
import io.clituner.core.hash.Digests;
import java.time.Clock;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Builds {@link GenerationProvenance} records: ids, hashes, salted user hash. */
public final class ProvenanceFactory {
    private final Clock clock;
    private final byte[] userSalt;

    public ProvenanceFactory(Clock clock, byte[] userSalt) {
        this.clock = clock;
        this.userSalt = userSalt.clone();
    }

    /** Salted SHA-256 of a user id, so the same user is linkable within one deployment but not reversible. */
    public @Nullable String userHash(@Nullable String userId) {
        if (userId == null) {
            return null;
        }
        return Digests.sha256Hex(userSalt, userId);
    }

    public GenerationProvenance create(
            @Nullable String originalQuery,
            @Nullable String userId,
            @Nullable NormalizedRequest request,
            ModelIdentity model,
            @Nullable String promptHash,
            @Nullable ValidatedCommand validated,
            ValidationOutcome outcome,
            List<String> fewShotIds,
            boolean cacheHit) {
        String command = validated != null && outcome == ValidationOutcome.RETURNED ? validated.command() : null;
        String commandHash = validated != null ? Digests.sha256Hex(validated.command()) : null;
        RiskLevel risk = validated != null ? validated.risk() : null;
        java.time.Instant now = clock.instant();
        return new GenerationProvenance(
                RequestIds.next(now.toEpochMilli()).toString(),
                model != null ? model.id() : null,
                model != null ? model.version() : null,
                model != null ? model.sha256() : null,
                model != null ? model.engine() : null,
                now,
                userHash(userId),
                Digests.sha256Hex(originalQuery == null ? "" : originalQuery),
                promptHash,
                command,
                commandHash,
                outcome,
                risk,
                validated != null ? validated.verdict().ruleIds() : List.of(),
                validated != null ? validated.policyVersion() : null,
                request != null ? request.ingressFlags() : List.of(),
                fewShotIds,
                cacheHit);
    }
}
