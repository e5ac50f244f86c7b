package io.clituner.guardrails.internal.analysis;

/**
 * Perl and Ruby share their command line and much of their text: a short cluster ending in e or E ({@code -e},
 * {@code -lne}) takes the code as the next word or attached ({@code -le'…'}), {@code -rLIB}, {@code -IDIR},
 * {@code -MMODULE} and {@code -mMODULE} carry a value, calls need no parentheses and strings interpolate.
 */
interface PerlFamily extends ForeignLanguage {
    @Override
    default boolean codeOption(String t) {
        return t.startsWith("-") && !t.startsWith("--") && (t.endsWith("e") || t.endsWith("E")) && t.length() <= 5;
    }

    @Override
    default int attachedCodeOption(String word) {
        return InterpreterArgs.indexOfE(word);
    }

    @Override
    default boolean attachedValueOption(String t) {
        return (t.startsWith("-r") || t.startsWith("-I") || t.startsWith("-M") || t.startsWith("-m")) && t.length() > 2;
    }

    @Override
    default boolean callsWithoutParentheses() {
        return true;
    }

    @Override
    default boolean interpolates() {
        return true;
    }
}
