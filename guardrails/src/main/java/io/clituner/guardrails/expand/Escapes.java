package io.clituner.guardrails.expand;

/** Backslash escapes as {@code echo -e} and {@code printf} interpret them. */
public final class Escapes {
    private Escapes() {}

    public static String echoE(String s) {
        return decode(s, true);
    }

    /**
     * @param echoOctal echo's octal form is {@code \0NNN}; printf's is {@code \NNN}
     */
    public static String decode(String s, boolean echoOctal) {
        if (s.indexOf('\\') < 0) {
            return s;
        }
        StringBuilder sb = new StringBuilder(s.length());
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c != '\\' || i + 1 >= n) {
                sb.append(c);
                continue;
            }
            char e = s.charAt(++i);
            switch (e) {
                case 'n' -> sb.append('\n');
                case 't' -> sb.append('\t');
                case 'r' -> sb.append('\r');
                case 'a' -> sb.append('\u0007');
                case 'b' -> sb.append('\b');
                case 'f' -> sb.append('\f');
                case 'v' -> sb.append('\u000b');
                case 'e', 'E' -> sb.append('\u001b');
                case '\\' -> sb.append('\\');
                case 'x', 'u', 'U' -> {
                    int max = e == 'x' ? 2 : e == 'u' ? 4 : 8;
                    int v = 0;
                    int k = 0;
                    while (k < max && i + 1 < n && Character.digit(s.charAt(i + 1), 16) >= 0) {
                        v = v * 16 + Character.digit(s.charAt(++i), 16);
                        k++;
                    }
                    if (k == 0) {
                        sb.append('\\').append(e);
                    } else if (Character.isValidCodePoint(v)) {
                        sb.appendCodePoint(v);
                    }
                }
                default -> {
                    if (e >= '0' && e <= '7') {
                        int v = 0;
                        int k = 0;
                        int max = echoOctal && e == '0' ? 4 : 3;
                        i--;
                        while (k < max && i + 1 < n && s.charAt(i + 1) >= '0' && s.charAt(i + 1) <= '7') {
                            v = v * 8 + (s.charAt(++i) - '0');
                            k++;
                        }
                        sb.append((char) (v & 0xff));
                    } else {
                        sb.append('\\').append(e);
                    }
                }
            }
        }
        return sb.toString();
    }
}
