package io.clituner.provenance.registry.routing;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clituner.provenance.registry.MutableClock;
import io.clituner.provenance.registry.VersionRef;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class HealthTrackerTest {
    @Test
    void consecutiveFailuresCoolDownAndSuccessResets() {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-01T00:00:00Z"));
        HealthTracker h = new HealthTracker(clock, 3, Duration.ofSeconds(30));
        VersionRef v = VersionRef.of("m", "1.0.0");
        h.failure(v);
        h.failure(v);
        h.success(v);
        h.failure(v);
        h.failure(v);
        assertFalse(h.cooling(v), "a success in between resets the count");
        h.failure(v);
        assertTrue(h.cooling(v));
        clock.advance(Duration.ofSeconds(29));
        assertTrue(h.cooling(v));
        clock.advance(Duration.ofSeconds(1));
        assertFalse(h.cooling(v), "cool-down over");
        h.failure(v);
        assertFalse(h.cooling(v), "after a cool-down the count starts again");
    }
}
