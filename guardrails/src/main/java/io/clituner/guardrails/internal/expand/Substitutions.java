package io.clituner.guardrails.internal.expand;

import io.clituner.guardrails.parse.Ast;

/**
 * What the expander needs from the analysis when a word holds code: command substitutions and
 * process substitutions run commands, so the analyzer must see them, and their output may be
 * computable statically ({@code $(echo rm)}).
 */
public interface Substitutions {
    /** Analyses the substitution's commands and returns its output as far as it is known (trailing newlines cut). */
    Value commandSubstitution(Ast.Script script, Env env, int start, int end);

    /** Analyses a process substitution and returns the origin of the data it provides. */
    Origin processSubstitution(Ast.Script script, boolean input, Env env, int start, int end);

    /** Charges the characters an expansion built to the analysis's work budget (which may end the analysis). */
    default void charge(int chars) {}
}
