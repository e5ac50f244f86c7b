package io.clituner.guardrails.internal.expand;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Brace expansion ({@code a{b,c}d}, {@code {1..5}}, {@code {a..e..2}}) over text whose unquoted braces and commas the
 * {@link Expander} has turned into {@link Sentinels}; bounded to {@link Expander#MAX_FIELDS} fields and 32 levels.
 */
final class BraceExpansion {
    private BraceExpansion() {}

    static List<String> expand(String s) {
        List<String> out = new ArrayList<>();
        braceExpand(s, out, 0);
        return out;
    }

    private static void braceExpand(String s, List<String> out, int depth) {
        if (out.size() >= Expander.MAX_FIELDS) {
            return;
        }
        int open = s.indexOf(Sentinels.BRACE_OPEN);
        if (open < 0 || depth > 32) {
            out.add(s);
            return;
        }
        // find the matching close and the top-level commas
        int level = 0;
        List<Integer> commas = new ArrayList<>();
        int close = -1;
        for (int i = open; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == Sentinels.BRACE_OPEN) {
                level++;
            } else if (c == Sentinels.BRACE_CLOSE) {
                level--;
                if (level == 0) {
                    close = i;
                    break;
                }
            } else if (c == Sentinels.BRACE_COMMA && level == 1) {
                commas.add(i);
            }
        }
        if (close < 0) {
            out.add(s);
            return;
        }
        String pre = s.substring(0, open);
        String post = s.substring(close + 1);
        if (commas.isEmpty()) {
            List<String> seq = sequence(s.substring(open + 1, close));
            if (seq == null) {
                // not an expansion: keep the braces literal, expand the rest
                List<String> rest = new ArrayList<>();
                braceExpand(post, rest, depth + 1);
                String mid = "{" + s.substring(open + 1, close) + "}";
                for (String r : rest) {
                    List<String> inner = new ArrayList<>();
                    braceExpand(pre + mid.replace(Sentinels.BRACE_OPEN, '{'), inner, depth + 1);
                    for (String i : inner) {
                        if (out.size() >= Expander.MAX_FIELDS) {
                            return;
                        }
                        out.add(i + r);
                    }
                }
                return;
            }
            for (String item : seq) {
                braceExpand(pre + item + post, out, depth + 1);
            }
            return;
        }
        int from = open + 1;
        commas.add(close);
        for (int c : commas) {
            braceExpand(pre + s.substring(from, c) + post, out, depth + 1);
            from = c + 1;
            if (out.size() >= Expander.MAX_FIELDS) {
                out.add(String.valueOf(Sentinels.UNKNOWN));
                return;
            }
        }
    }

    private static @Nullable List<String> sequence(String body) {
        int dots = body.indexOf("..");
        if (dots <= 0) {
            return null;
        }
        String a = body.substring(0, dots);
        String rest = body.substring(dots + 2);
        int dots2 = rest.indexOf("..");
        String bEnd = dots2 < 0 ? rest : rest.substring(0, dots2);
        try {
            if (a.length() == 1
                    && bEnd.length() == 1
                    && Character.isLetter(a.charAt(0))
                    && Character.isLetter(bEnd.charAt(0))) {
                List<String> out = new ArrayList<>();
                char x = a.charAt(0);
                char y = bEnd.charAt(0);
                int step = x <= y ? 1 : -1;
                for (char c = x; out.size() < 64; c = (char) (c + step)) {
                    out.add(String.valueOf(c));
                    if (c == y) {
                        break;
                    }
                }
                return out;
            }
            long x = Long.parseLong(a);
            long y = Long.parseLong(bEnd);
            List<String> out = new ArrayList<>();
            long step = x <= y ? 1 : -1;
            for (long v = x; out.size() < 64; v += step) {
                out.add(Long.toString(v));
                if (v == y) {
                    break;
                }
            }
            if (out.size() >= 64) {
                out.add(String.valueOf(Sentinels.UNKNOWN));
            }
            return out;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    // ------------------------------------------------------------- parameters
}
