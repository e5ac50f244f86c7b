package io.clituner.provenance.registry.routing;

import io.clituner.provenance.registry.VersionRef;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * Consecutive failures per version, in memory: after {@code threshold} failures in a row a version
 * cools down for {@code coolDown}, and routing sends its traffic elsewhere; one success resets it.
 * Deliberately per process: health is what this process observed, not shared state.
 */
public final class HealthTracker {
    private record State(int failures, @Nullable Instant coolUntil) {}

    private final Clock clock;
    private final int threshold;
    private final Duration coolDown;
    private final ConcurrentHashMap<VersionRef, State> states = new ConcurrentHashMap<>();

    public HealthTracker(Clock clock, int threshold, Duration coolDown) {
        if (threshold < 1 || coolDown.isNegative() || coolDown.isZero()) {
            throw new IllegalArgumentException("health threshold must be ≥ 1 and cool-down positive");
        }
        this.clock = clock;
        this.threshold = threshold;
        this.coolDown = coolDown;
    }

    public void failure(VersionRef v) {
        Instant now = clock.instant();
        states.compute(v, (k, s) -> {
            int n = (s == null || (s.coolUntil() != null && !now.isBefore(s.coolUntil())) ? 0 : s.failures()) + 1;
            return n >= threshold ? new State(0, now.plus(coolDown)) : new State(n, s == null ? null : s.coolUntil());
        });
    }

    public void success(VersionRef v) {
        states.remove(v);
    }

    public boolean cooling(VersionRef v) {
        return coolingEnd(v) != null;
    }

    public Optional<Instant> coolingUntil(VersionRef v) {
        return Optional.ofNullable(coolingEnd(v));
    }

    /** When {@code v}'s cool-down ends, or null when it is not cooling down (no allocation: the router asks per call). */
    private @Nullable Instant coolingEnd(VersionRef v) {
        State s = states.get(v);
        Instant until = s == null ? null : s.coolUntil();
        return until != null && clock.instant().isBefore(until) ? until : null;
    }
}
