package io.clituner.guardrails.internal.expand;

import io.clituner.guardrails.parse.Ast.Param;
import java.util.Locale;

/** The pure string operations of parameter expansion: {@code ${v@U}}, {@code ${v~}}, {@code ${v#pat}}, {@code ${v%pat}}. */
final class StringOps {
    private StringOps() {}

    /** {@code ${v@op}}: the case transforms and {@code E}; quoting transforms leave the value as it is. */
    static String transform(String s, Param p, String unknown) {
        String t = p.arg() == null ? "" : p.arg().literal();
        if (t == null) {
            return unknown;
        }
        return switch (t) {
            case "U" -> s.toUpperCase(Locale.ROOT);
            case "L" -> s.toLowerCase(Locale.ROOT);
            case "u" -> s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
            case "Q", "P", "A", "K", "a" -> s;
            case "E" -> Escapes.echoE(s);
            default -> unknown;
        };
    }

    /** {@code ${v#pat}} / {@code ${v##pat}}: the shortest or longest matching prefix removed (first 4096 characters). */
    static String removePrefix(String s, String pat, boolean longest) {
        int best = -1;
        for (int i = 0; i <= s.length() && i <= 4096; i++) {
            if (GlobMatch.matches(pat, s.substring(0, i))) {
                best = i;
                if (!longest) {
                    break;
                }
            }
        }
        return best < 0 ? s : s.substring(best);
    }

    /** {@code ${v%pat}} / {@code ${v%%pat}}: the shortest or longest matching suffix removed (last 4096 characters). */
    static String removeSuffix(String s, String pat, boolean longest) {
        int best = -1;
        for (int i = s.length(); i >= 0 && s.length() - i <= 4096; i--) {
            if (GlobMatch.matches(pat, s.substring(i))) {
                best = i;
                if (!longest) {
                    break;
                }
            }
        }
        return best < 0 ? s : s.substring(0, best);
    }

    /** bash's ${v~} / ${v~~}: swaps the case of the first {@code n} characters. */
    static String toggleCase(String s, int n) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            sb.append(i >= n ? c : Character.isUpperCase(c) ? Character.toLowerCase(c) : Character.toUpperCase(c));
        }
        return sb.toString();
    }
}
