package io.clituner.guardrails.internal.expand;

import io.clituner.guardrails.internal.escape.Backslash;

/** Backslash escapes as {@code echo -e} and {@code printf} interpret them (decoded by {@link Backslash}). */
public final class Escapes {
    private Escapes() {}

    public static String echoE(String s) {
        return Backslash.decode(s, Backslash.Dialect.ECHO);
    }

    /**
     * @param echoOctal echo's octal form is {@code \0NNN}; printf's is {@code \NNN}
     */
    public static String decode(String s, boolean echoOctal) {
        return Backslash.decode(s, echoOctal ? Backslash.Dialect.ECHO : Backslash.Dialect.PRINTF);
    }
}
