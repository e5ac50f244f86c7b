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

    /** On its own: stdin {@code s}, neither in a pipeline nor in the background. */
    Ctx detached(Stdin s) {
        return stage(s, false, false);
    }

    /** One level deeper (a wrapper's command), reported at the same span. */
    Ctx deeper() {
        return nestedAt(spanStart, spanEnd);
    }

    /** One level deeper, inside code whose findings are reported at {@code start..end}. */
    Ctx nestedAt(int start, int end) {
        return new Ctx(
                depth + 1, start, end, stdin, functions, inPipeline, background, callDepth, loopDepth, speculative);
    }

    /** Inside a call of a function defined on the line; {@code stack} is the call stack with it on top. */
    Ctx calling(List<String> stack) {
        return new Ctx(
                depth, spanStart, spanEnd, stdin, stack, inPipeline, background, callDepth + 1, loopDepth, speculative);
    }

    /** Inside one more loop body. */
    Ctx inLoop() {
        return new Ctx(
                depth,
                spanStart,
                spanEnd,
                stdin,
                functions,
                inPipeline,
                background,
                callDepth,
                loopDepth + 1,
                speculative);
    }

    /** A guess: findings are tried, never reported as certain. */
    Ctx guessed() {
        return new Ctx(depth, spanStart, spanEnd, stdin, functions, inPipeline, background, callDepth, loopDepth, true);
    }
}
