package io.clituner.guardrails.analysis;

/**
 * Bounds that keep analysis linear and the stack shallow; input beyond them fails closed.
 *
 * @param maxInputChars  longest input analysed (longer: limit finding)
 * @param maxNesting     syntactic nesting depth ($( ( { … ) per level)
 * @param maxCodeDepth   nested code strings (sh -c "eval '…'")
 * @param maxInvocations total commands analysed, counting loop unrolling and function calls
 */
public record Limits(int maxInputChars, int maxNesting, int maxCodeDepth, int maxInvocations) {
    public static final Limits DEFAULT = new Limits(1 << 16, 96, 12, 4096);
}
