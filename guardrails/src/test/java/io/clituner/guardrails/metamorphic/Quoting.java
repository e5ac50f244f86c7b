package io.clituner.guardrails.metamorphic;

import java.util.SplittableRandom;

/** Ways of writing one literal word in bash that all yield the same value after quote removal. */
final class Quoting {
    private Quoting() {}

    private static final String PLAIN = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789/._-+:@%,=";

    /** Characters that never need quoting in an argument word (nor start an expansion or a tilde prefix). */
    static boolean plain(String v) {
        for (int i = 0; i < v.length(); i++) {
            if (PLAIN.indexOf(v.charAt(i)) < 0) {
                return false;
            }
        }
        return !v.isEmpty();
    }

    /** The word as is when plain, else single-quoted. */
    static String minimal(String v) {
        return plain(v) ? v : single(v);
    }

    static String single(String v) {
        return "'" + v.replace("'", "'\\''") + "'";
    }

    static String dbl(String v) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : v.toCharArray()) {
            if (c == '$' || c == '`' || c == '"' || c == '\\') {
                sb.append('\\');
            }
            sb.append(c);
        }
        return sb.append('"').toString();
    }

    /** Every character backslash-escaped unless it is a letter or digit (which may be escaped too). */
    static String bare(String v, SplittableRandom rnd) {
        StringBuilder sb = new StringBuilder();
        for (char c : v.toCharArray()) {
            if (!Character.isLetterOrDigit(c) || rnd.nextInt(4) == 0) {
                sb.append('\\');
            }
            sb.append(c);
        }
        return sb.toString();
    }

    /** ANSI-C quoting ({@code $'\x72\x6d'}): each character as a hex or octal escape, or as itself when alphanumeric. */
    static String ansi(String v, SplittableRandom rnd) {
        StringBuilder sb = new StringBuilder("$'");
        for (char c : v.toCharArray()) {
            int k = rnd.nextInt(3);
            if (k == 0) {
                sb.append(String.format("\\x%02x", (int) c));
            } else if (k == 1) {
                sb.append(String.format("\\%03o", (int) c));
            } else if (Character.isLetterOrDigit(c)) {
                sb.append(c);
            } else {
                sb.append(String.format("\\x%02x", (int) c));
            }
        }
        return sb.append('\'').toString();
    }

    /**
     * The word cut into one to three pieces, each written in a randomly chosen style; the result is one bash word
     * whose value is {@code v}. {@code ansiAllowed} is false where the code must stay POSIX.
     */
    static String split(String v, SplittableRandom rnd, boolean ansiAllowed) {
        if (v.isEmpty()) {
            return "''";
        }
        int pieces = Math.min(v.length(), 1 + rnd.nextInt(3));
        StringBuilder sb = new StringBuilder();
        int from = 0;
        for (int p = 0; p < pieces; p++) {
            int to = p == pieces - 1 ? v.length() : from + 1 + rnd.nextInt(v.length() - from - (pieces - p - 1));
            String part = v.substring(from, to);
            int style = rnd.nextInt(ansiAllowed ? 4 : 3);
            sb.append(
                    switch (style) {
                        case 0 -> single(part);
                        case 1 -> dbl(part);
                        case 2 -> bare(part, rnd);
                        default -> ansi(part, rnd);
                    });
            from = to;
        }
        return sb.toString();
    }
}
