package io.clituner.guardrails.internal.escape;

/**
 * The one decoder of backslash escapes, for bash's three dialects: ANSI-C quoting {@code $'…'}, {@code echo -e} and
 * {@code printf} (its format and {@code %b}). A second decoder in security code drifts into a bypass, so the dialects
 * differ only in the {@link Dialect} switches below.
 */
public final class Backslash {
    private Backslash() {}

    /** How a dialect reads the escapes the others read differently. */
    public enum Dialect {
        /** {@code $'…'}: {@code \cX} is control-X; {@code \' \" \?} are the character; octal {@code \NNN}. */
        ANSI_C(true, true, false),
        /** {@code echo -e}: octal {@code \0NNN} or {@code \NNN}; {@code \c} and quote escapes stay as written. */
        ECHO(false, false, true),
        /** {@code printf}: octal {@code \NNN}; {@code \c} and quote escapes stay as written. */
        PRINTF(false, false, false);

        final boolean controlC;
        final boolean quoteEscapes;
        final boolean zeroPrefixedOctal;

        Dialect(boolean controlC, boolean quoteEscapes, boolean zeroPrefixedOctal) {
            this.controlC = controlC;
            this.quoteEscapes = quoteEscapes;
            this.zeroPrefixedOctal = zeroPrefixedOctal;
        }
    }

    /** Decodes every escape of {@code s}; a lone trailing backslash stays. */
    public static String decode(String s, Dialect dialect) {
        if (s.indexOf('\\') < 0) {
            return s;
        }
        StringBuilder sb = new StringBuilder(s.length());
        int i = 0;
        int n = s.length();
        while (i < n) {
            char c = s.charAt(i);
            if (c != '\\' || i + 1 >= n) {
                sb.append(c);
                i++;
            } else {
                i = escape(s, i, dialect, sb);
            }
        }
        return sb.toString();
    }

    /**
     * Decodes ANSI-C text from {@code start} (just after {@code $'}) up to the closing quote.
     *
     * @return the index just past the closing quote, or -1 when the text ends first
     */
    public static int decodeAnsiC(String s, int start, StringBuilder out) {
        int p = start;
        int n = s.length();
        while (p < n) {
            char c = s.charAt(p);
            if (c == '\'') {
                return p + 1;
            }
            if (c != '\\' || p + 1 >= n) {
                out.append(c);
                p++;
            } else {
                p = escape(s, p, Dialect.ANSI_C, out);
            }
        }
        return -1;
    }

    /** Decodes the escape at {@code s[at]} (a backslash with at least one character after it); returns the next index. */
    private static int escape(String s, int at, Dialect d, StringBuilder sb) {
        char e = s.charAt(at + 1);
        int p = at + 2;
        switch (e) {
            case 'a' -> sb.append('\u0007');
            case 'b' -> sb.append('\b');
            case 'e', 'E' -> sb.append('\u001b');
            case 'f' -> sb.append('\f');
            case 'n' -> sb.append('\n');
            case 'r' -> sb.append('\r');
            case 't' -> sb.append('\t');
            case 'v' -> sb.append('\u000b');
            case '\\' -> sb.append('\\');
            case 'x', 'u', 'U' -> p = hex(s, p, e, sb);
            default -> {
                if (e >= '0' && e <= '7') {
                    p = octal(s, at + 1, d.zeroPrefixedOctal && e == '0' ? 4 : 3, sb);
                } else if (e == 'c' && d.controlC) {
                    if (p < s.length()) {
                        sb.append((char) (s.charAt(p) & 0x1f));
                        p++;
                    }
                } else if (d.quoteEscapes && (e == '\'' || e == '"' || e == '?')) {
                    sb.append(e);
                } else {
                    sb.append('\\').append(e);
                }
            }
        }
        return p;
    }

    /** <code>&#92;xHH</code>, <code>&#92;uHHHH</code>, <code>&#92;UHHHHHHHH</code>: up to 2, 4 or 8 hex digits; none leaves the escape as written. */
    private static int hex(String s, int p, char kind, StringBuilder sb) {
        int max = kind == 'x' ? 2 : kind == 'u' ? 4 : 8;
        int v = 0;
        int k = 0;
        while (k < max && p < s.length() && Character.digit(s.charAt(p), 16) >= 0) {
            v = v * 16 + Character.digit(s.charAt(p), 16);
            p++;
            k++;
        }
        if (k == 0) {
            sb.append('\\').append(kind);
        } else if (Character.isValidCodePoint(v)) {
            sb.appendCodePoint(v);
        }
        return p;
    }

    /** Up to {@code max} octal digits from {@code p} (the first is one), as one byte. */
    private static int octal(String s, int p, int max, StringBuilder sb) {
        int v = 0;
        int k = 0;
        while (k < max && p < s.length() && s.charAt(p) >= '0' && s.charAt(p) <= '7') {
            v = v * 8 + (s.charAt(p) - '0');
            p++;
            k++;
        }
        sb.append((char) (v & 0xff));
        return p;
    }
}
