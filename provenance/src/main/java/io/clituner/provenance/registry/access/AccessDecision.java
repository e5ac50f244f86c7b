package io.clituner.provenance.registry.access;

import io.clituner.provenance.registry.TargetRef;

/** The answer to one access check and why; {@code grant} is the grant that allowed it, null on deny. */
public record AccessDecision(Caller caller, Permission permission, TargetRef target, boolean allowed,
                             String reason, Grant grant) {}
