package io.clituner.guardrails.internal.analysis;

import java.util.List;

/**
 * One language whose inline programs the analyzer reads ({@code python3 -c CODE}, {@code perl -e CODE}, awk
 * programs…): which interpreters run it, how their command line gives the code, and the dialect traits that
 * {@link ForeignCode}'s scanner needs. The defaults describe a language with {@code -e}/{@code -c} code options,
 * backticks that run a shell, and calls written with parentheses.
 *
 * <p>Adding a language is one class implementing this interface and one line in {@link ForeignLanguages}.
 */
interface ForeignLanguage {
    /** The language's name, as {@link Nested.Foreign#language()} and findings name it. */
    String name();

    /** Whether this program name is one of the language's interpreters. */
    boolean runs(String program);

    // ------------------------------------------------------------------ the interpreter's command line

    /** An option whose next word is the program text ({@code -c}, {@code -e}, {@code --eval}). */
    default boolean codeOption(String word) {
        return word.equals("-e") || word.equals("-c") || word.equals("--command") || word.equals("-Command");
    }

    /**
     * Where attached code starts in an option cluster ({@code -c'code'}, {@code -le'code'}): the index of the option
     * letter, or -1 when the language has no such form.
     */
    default int attachedCodeOption(String word) {
        return -1;
    }

    /** An option with an attached value that is not code ({@code -Mstrict}, {@code -rjson}): skipped. */
    default boolean attachedValueOption(String word) {
        return false;
    }

    /** An option whose next word is its value ({@code -W error}, {@code -I dir}). */
    default boolean optionTakesValue(String word) {
        return false;
    }

    /** An option after which the interpreter runs no code from its arguments or stdin ({@code --version}). */
    default boolean endsWithoutCode(String word) {
        return word.equals("--version") || word.equals("--help") || word.equals("-v");
    }

    /** What an invocation of this interpreter runs: code in an argument, a script file, or stdin. */
    default List<Nested> nested(Invocation inv, String program) {
        return InterpreterArgs.nested(this, inv, program);
    }

    // ------------------------------------------------------------------ the program text

    /** Calls written without parentheses ({@code system "ls"}) are calls (perl, ruby, php, node). */
    default boolean callsWithoutParentheses() {
        return false;
    }

    /** Backquoted text runs a shell command. */
    default boolean backticksRunShell() {
        return true;
    }

    /** Whether an argv-style call ({@code spawn}, {@code execv…}) with this callee starts a program. */
    default boolean argvCall(String callee) {
        return true;
    }

    /** Whether {@code exec(…)} runs a shell command (in Python it runs Python code). */
    default boolean execRunsShell() {
        return true;
    }

    /** Whether a call given only string literals ({@code system "rm", "-rf", "/"}) runs them as an argv. */
    default boolean literalsAreArgv() {
        return true;
    }

    /** Whether double-quoted strings interpolate variables (their values are unknown here). */
    default boolean interpolates() {
        return false;
    }

    /** Language-specific findings after the generic scan (awk's pipes and redirections). */
    default void afterScan(String code, List<String> shell, List<ForeignCode.FileAccess> files) {}
}
