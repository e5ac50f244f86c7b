package io.clituner.benchmarks.eval.sandbox;

import io.clituner.benchmarks.eval.set.Fixture;
import java.time.Instant;

/** Runs one shell command in a throw-away copy of a fixture. Implementations are thread-safe. */
public interface Sandbox {
    /** Probed once; {@link #run} fails with {@code CONFIGURATION} when this is unavailable. */
    SandboxStatus status();

    /**
     * @param now the instant fixture ages are relative to; use one per task so that the runs being
     *            compared see identical trees
     */
    Execution run(Fixture fixture, String command, Instant now);
}
