package io.clituner.provenance.registry;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One entry of an alias's history: at {@code at}, {@code actor} pointed {@code model@alias} from
 * {@code from} (null for the first assignment) to {@code to}. The history answers "which version
 * served as champion on a given day".
 */
public record AliasMove(
        String model,
        String alias,
        long sequence,
        @Nullable VersionRef from,
        VersionRef to,
        String actor,
        String reason,
        Instant at) {}
