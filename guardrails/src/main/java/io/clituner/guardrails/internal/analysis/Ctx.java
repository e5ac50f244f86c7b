package io.clituner.guardrails.internal.analysis;

import java.util.List;

/**
 * Where a command is walked: nesting depth, the source span findings are reported at (inside nested code: the span
 * of the code string), stdin, the function call stack, pipeline and background position, loop depth, and whether the
 * command is only a guess (speculative: findings are tried, never reported as certain).
 */
record Ctx(
        int depth,
        int spanStart,
        int spanEnd,
        Stdin stdin,
        List<String> functions,
        boolean inPipeline,
        boolean background,
        int callDepth,
        int loopDepth,
        boolean speculative) {
    /** A command line's top level: no nesting, no span of its own, the terminal on stdin. */
    static Ctx root() {
        return new Ctx(0, -1, -1, Stdin.TERMINAL, List.of(), false, false, 0, 0, false);
    }

    Ctx withStdin(Stdin s) {
        return new Ctx(
                depth, spanStart, spanEnd, s, functions, inPipeline, background, callDepth, loopDepth, speculative);
    }

    Ctx stage(Stdin s, boolean pipe, boolean bg) {
        return new Ctx(depth, spanStart, spanEnd, s, functions, pipe, bg, callDepth, loopDepth, speculative);
    }
}
