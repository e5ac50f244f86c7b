package io.clituner.guardrails.internal.rules;

import io.clituner.guardrails.internal.analysis.Invocation;
import java.util.function.Function;

/**
 * The last result of a pure per-invocation helper (the paths an invocation writes, destroys or wipes), kept per
 * thread: the rule book runs a dozen rules on one invocation in a row, and each asks the same question. Identity of
 * the invocation is the key; rules never change an invocation, so a hit is the answer the helper would compute.
 */
final class PerInvocation {
    private PerInvocation() {}

    /** Helpers with a slot of their own. */
    enum Slot {
        WRITTEN(0),
        DESTROYED(1),
        WIPED(2),
        OUTPUT_FILES(3);

        /** Position in the per-thread array (two cells each: the invocation, then the value). */
        final int index;

        Slot(int index) {
            this.index = index;
        }
    }

    private static final ThreadLocal<Object[]> LAST =
            ThreadLocal.withInitial(() -> new Object[Slot.values().length * 2]);

    @SuppressWarnings("unchecked") // a slot's cell holds only what that slot's compute returned, a T
    static <T> T memo(Slot slot, Invocation inv, Function<Invocation, T> compute) {
        Object[] last = LAST.get();
        int i = slot.index * 2;
        if (last[i] == inv) {
            return (T) last[i + 1];
        }
        T value = compute.apply(inv);
        last[i] = inv;
        last[i + 1] = value;
        return value;
    }
}
