package io.clituner.provenance.registry.access;

import io.clituner.provenance.registry.TargetRef;
import org.jspecify.annotations.Nullable;

/** The answer to one access check and why; {@code grant} is the grant that allowed it, null on deny. */
public record AccessDecision(
        @Nullable Caller caller,
        Permission permission,
        @Nullable TargetRef target,
        boolean allowed,
        String reason,
        @Nullable Grant grant) {}
