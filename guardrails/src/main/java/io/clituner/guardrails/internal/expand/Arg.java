package io.clituner.guardrails.internal.expand;

import org.jspecify.annotations.Nullable;

/**
 * One argument as bash would pass it, after expansion. {@code text} may hold {@link Sentinels}:
 * unknown parts and active glob characters, so rules can ask what it could match.
 *
 * @param procSub non-null origin when the argument is a process substitution path ({@code <(…)})
 */
public record Arg(
        String text,
        Origin origin,
        int start,
        int end,
        @Nullable Origin procSub) {
    public static Arg literal(String text, int start, int end) {
        return new Arg(text, Origin.LITERAL, start, end, null);
    }

    /** No unknown part and no active glob: the exact string bash passes. */
    public boolean resolved() {
        for (int i = 0; i < text.length(); i++) {
            if (Sentinels.isSentinel(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    public boolean hasUnknown() {
        return text.indexOf(Sentinels.UNKNOWN) >= 0;
    }

    public boolean isGlob() {
        return text.indexOf(Sentinels.STAR) >= 0
                || text.indexOf(Sentinels.QMARK) >= 0
                || text.indexOf(Sentinels.LBRACKET) >= 0;
    }

    /** Exact text when resolved, else null. */
    public @Nullable String value() {
        return resolved() ? text : null;
    }

    public boolean is(String s) {
        return text.equals(s);
    }

    public boolean startsWith(String s) {
        return text.startsWith(s);
    }

    public String display() {
        return Sentinels.display(text);
    }

    /** Whether this (possibly partial or glob) argument could equal {@code candidate}. */
    public boolean couldBe(String candidate) {
        return GlobMatch.matches(text, candidate);
    }

    public Arg withText(String t) {
        return new Arg(t, origin, start, end, procSub);
    }
}
