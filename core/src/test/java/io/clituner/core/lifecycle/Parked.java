package io.clituner.core.lifecycle;

/** Test helper: a deterministic "this thread is now blocked", without sleeping. */
public final class Parked {
    private Parked() {}

    /** Returns once {@code t} parks (in these tests: on a {@link CloseGate}'s lock, the only place it can wait). */
    public static void await(Thread t) {
        while (t.getState() != Thread.State.WAITING) {
            if (!t.isAlive()) {
                throw new AssertionError(t.getName() + " ended instead of waiting");
            }
            Thread.onSpinWait();
        }
    }
}
