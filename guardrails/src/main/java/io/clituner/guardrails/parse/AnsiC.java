package io.clituner.guardrails.parse;

/** Decodes bash's ANSI-C quoting {@code $'…'}: \\x, octal, \\u/\\U, \\c and the usual escapes. */
final class AnsiC {
    private AnsiC() {}

    /** Decodes from the parser's position (just after {@code $'}) to the closing quote, advancing it. */
    static String decode(BashParser parser, String src, int start) throws ParseException {
        int p = parser.pos();
        int len = src.length();
        StringBuilder sb = new StringBuilder();
        while (true) {
            if (p >= len) {
                parser.setPos(p);
                throw parser.error("unterminated $'");
            }
            char c = src.charAt(p);
            if (c == '\'') {
                p++;
                break;
            }
            if (c != '\\' || p + 1 >= len) {
                sb.append(c);
                p++;
                continue;
            }
            char n = src.charAt(p + 1);
            p += 2;
            switch (n) {
                case 'a' -> sb.append('\u0007');
                case 'b' -> sb.append('\b');
                case 'e', 'E' -> sb.append('\u001b');
                case 'f' -> sb.append('\f');
                case 'n' -> sb.append('\n');
                case 'r' -> sb.append('\r');
                case 't' -> sb.append('\t');
                case 'v' -> sb.append('\u000b');
                case 'c' -> {
                    if (p < len) {
                        sb.append((char) (src.charAt(p) & 0x1f));
                        p++;
                    }
                }
                case 'x', 'u', 'U' -> {
                    int max = n == 'x' ? 2 : n == 'u' ? 4 : 8;
                    int v = 0;
                    int k = 0;
                    while (k < max && p < len && Character.digit(src.charAt(p), 16) >= 0) {
                        v = v * 16 + Character.digit(src.charAt(p), 16);
                        p++;
                        k++;
                    }
                    if (k == 0) {
                        sb.append('\\').append(n);
                    } else if (Character.isValidCodePoint(v)) {
                        sb.appendCodePoint(v);
                    }
                }
                default -> {
                    if (n >= '0' && n <= '7') {
                        int v = n - '0';
                        int k = 1;
                        while (k < 3 && p < len && src.charAt(p) >= '0' && src.charAt(p) <= '7') {
                            v = v * 8 + (src.charAt(p) - '0');
                            p++;
                            k++;
                        }
                        sb.append((char) (v & 0xff));
                    } else if (n == '\\' || n == '\'' || n == '"' || n == '?') {
                        sb.append(n);
                    } else {
                        sb.append('\\').append(n);
                    }
                }
            }
        }
        parser.setPos(p);
        return sb.toString();
    }
}
