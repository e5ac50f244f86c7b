package io.clituner.guardrails.internal.expand;

/**
 * Private-use characters that mark, inside an expanded word, what is not plain text: an unknown
 * value, active glob characters, brace-expansion syntax and field-split points. Input text has
 * these characters replaced before parsing, so they cannot be forged.
 */
public final class Sentinels {
    public static final char UNKNOWN = '\uE000';
    public static final char STAR = '\uE001';
    public static final char QMARK = '\uE002';
    public static final char LBRACKET = '\uE003';
    static final char BRACE_OPEN = '\uE004';
    static final char BRACE_COMMA = '\uE005';
    static final char BRACE_CLOSE = '\uE006';
    static final char SPLIT = '\uE007';
    static final char HARD_SPLIT = '\uE008';

    private Sentinels() {}

    public static boolean isSentinel(char c) {
        return c >= '\uE000' && c <= '\uE008';
    }

    /** Replaces sentinel code points that appear in untrusted input. */
    public static String sanitize(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (isSentinel(s.charAt(i))) {
                StringBuilder sb = new StringBuilder(s.length());
                for (int j = 0; j < s.length(); j++) {
                    char c = s.charAt(j);
                    sb.append(isSentinel(c) ? '?' : c);
                }
                return sb.toString();
            }
        }
        return s;
    }

    /** Human-readable form: unknowns as "…", globs as their characters. */
    public static String display(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case UNKNOWN -> sb.append('…');
                case STAR -> sb.append('*');
                case QMARK -> sb.append('?');
                case LBRACKET -> sb.append('[');
                case BRACE_OPEN -> sb.append('{');
                case BRACE_COMMA -> sb.append(',');
                case BRACE_CLOSE -> sb.append('}');
                case SPLIT, HARD_SPLIT -> sb.append(' ');
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    /** The text with unknown parts removed and glob characters literal: what bash sees if unknowns are empty. */
    public static String skeleton(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == UNKNOWN) {
                continue;
            }
            sb.append(c == STAR ? '*' : c == QMARK ? '?' : c == LBRACKET ? '[' : c);
        }
        return sb.toString();
    }
}
