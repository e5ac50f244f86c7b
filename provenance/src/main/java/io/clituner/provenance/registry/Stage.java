package io.clituner.provenance.registry;

import org.jspecify.annotations.Nullable;

/**
 * Where a model version stands. The path is fixed: {@code UPSTREAM → RESEARCH → INTERNAL → PRODUCTION};
 * any non-upstream stage may go to {@code DEPRECATED}. Upstream snapshots never move: they are the
 * read-only evidence of what was downloaded, and a derived model starts at RESEARCH.
 */
public enum Stage {
    UPSTREAM,
    RESEARCH,
    INTERNAL,
    PRODUCTION,
    DEPRECATED;

    /** Only versions that passed at least the INTERNAL gates may serve traffic. */
    public boolean servable() {
        return this == INTERNAL || this == PRODUCTION;
    }

    /** The one stage a promotion from here may reach without skipping, or null at the end of the path. */
    public @Nullable Stage next() {
        return switch (this) {
            case RESEARCH -> INTERNAL;
            case INTERNAL -> PRODUCTION;
            default -> null;
        };
    }

    /** Why {@code this → target} is not allowed, or null when it is. */
    public @Nullable String transitionProblem(Stage target) {
        if (this == target) {
            return "version is already " + target;
        }
        if (this == UPSTREAM) {
            return "upstream snapshots are immutable and never change stage";
        }
        if (this == DEPRECATED) {
            return "deprecated versions cannot be promoted again";
        }
        if (target == UPSTREAM) {
            return "no version can become UPSTREAM after registration";
        }
        if (target == DEPRECATED || target == next()) {
            return null;
        }
        if (target.compareTo(this) > 0) {
            return this + " → " + target + " skips " + next() + "; promote one stage at a time";
        }
        return this + " → " + target + " goes backwards; roll back by moving an alias instead";
    }
}
