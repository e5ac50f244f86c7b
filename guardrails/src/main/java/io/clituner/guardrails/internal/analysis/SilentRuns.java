package io.clituner.guardrails.internal.analysis;

import io.clituner.guardrails.internal.expand.Env;
import io.clituner.guardrails.internal.expand.Origin;
import io.clituner.guardrails.internal.expand.Sentinels;
import io.clituner.guardrails.parse.BashParser;
import io.clituner.guardrails.parse.ParseException;
import java.util.Set;

/**
 * Runs code without reporting, to ask what it would do: whether decoded code is only an obfuscated harmless command,
 * and which blocking findings a candidate command would raise ({@link UnknownPrograms}, literals in inline programs).
 */
final class SilentRuns {
    private final Walker w;
    /** Programs met that the analyzer does not know, counted while {@link #harmless} asks. */
    private int unknownPrograms;

    private int countingUnknown;

    SilentRuns(Walker w) {
        this.w = w;
    }

    /** Counts a program the analyzer does not know while {@link #harmless} asks. */
    void count(Invocation inv) {
        if (countingUnknown > 0
                && !inv.name().isEmpty()
                && !w.unknown.knownProgram(inv.name())
                && !Programs.EVERYDAY.contains(inv.name())) {
            unknownPrograms++;
        }
    }

    /** Decoded code that is readable and harmless: judged as decoded, not as hostile. */
    boolean harmlessDecoded(String text, Env env, Ctx ctx) {
        return readable(text) && harmless(text, env, ctx);
    }

    /** Code whose every character is known and that bash would parse: obfuscated, but readable here. */
    private boolean readable(String text) {
        if (text.indexOf(Sentinels.UNKNOWN) >= 0) {
            return false;
        }
        try {
            new BashParser(text, w.limits.maxNesting()).parse();
            return true;
        } catch (ParseException e) {
            return false;
        }
    }

    /**
     * Decoded code that raises no finding at all and runs only programs the analyzer knows ({@code echo bHM= |
     * base64 -d | sh}): judged as what it is, an obfuscated harmless command. Anything else decoded stays hostile,
     * since a decoder the analyzer emulates slightly differently must not turn an attack into a typo.
     */
    private boolean harmless(String text, Env env, Ctx ctx) {
        int unknownBefore = unknownPrograms;
        countingUnknown++;
        try {
            return silentFindings(text, Origin.LITERAL, 0, 0, env, ctx, false).isEmpty()
                    && unknownPrograms == unknownBefore;
        } finally {
            countingUnknown--;
        }
    }

    /** The ids of the blocking findings that code would raise if run, found silently (nothing is reported). */
    Set<String> blockingIds(String code, Origin origin, int start, int end, Env env, Ctx ctx) {
        return silentFindings(code, origin, start, end, env, ctx, true);
    }

    private Set<String> silentFindings(
            String code, Origin origin, int start, int end, Env env, Ctx ctx, boolean blockingOnly) {
        Set<String> found = new java.util.TreeSet<>();
        Reporter saved = w.reporter;
        w.reporter = (id, s, e, detail) -> {
            if (blockingOnly ? w.rules.dangerous(id) : !id.equals(Structural.DECODED_CODE)) {
                found.add(id); // harmless decoded code inside harmless decoded code stays harmless
            }
        };
        Ctx spec = ctx.detached(Stdin.TERMINAL).guessed();
        try {
            w.analyzeCode(code, origin, start, end, null, w.copyEnv(env), spec, "candidate code");
        } finally {
            w.reporter = saved;
            w.current = ctx;
        }
        return found;
    }
}
