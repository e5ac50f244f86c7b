package io.clituner.guardrails.internal.expand;

/**
 * Matches a sentinel-marked pattern against a concrete string. An unknown part and {@code *}
 * match any run of characters; {@code ?} one; {@code [set]} one from the set. Iterative with
 * backtracking to the last star only, so time is O(n·m) worst case on tiny inputs, linear in practice.
 */
public final class GlobMatch {
    private GlobMatch() {}

    public static boolean matches(String pattern, String s) {
        int p = 0;
        int i = 0;
        int starP = -1;
        int starI = -1;
        boolean starCrosses = false;
        int pl = pattern.length();
        int sl = s.length();
        while (i < sl) {
            if (p < pl) {
                char c = pattern.charAt(p);
                if (c == Sentinels.STAR || c == Sentinels.UNKNOWN) {
                    starCrosses = c == Sentinels.UNKNOWN;
                    starP = p++;
                    starI = i;
                    continue;
                }
                if (c == Sentinels.QMARK) {
                    p++;
                    i++;
                    continue;
                }
                if (c == Sentinels.LBRACKET) {
                    int close = pattern.indexOf(']', p + 2);
                    if (close > 0) {
                        if (inSet(pattern, p + 1, close, s.charAt(i))) {
                            p = close + 1;
                            i++;
                            continue;
                        }
                    } else if (s.charAt(i) == '[') {
                        p++;
                        i++;
                        continue;
                    }
                } else if (c == s.charAt(i)) {
                    p++;
                    i++;
                    continue;
                }
            }
            if (starP >= 0 && (starCrosses || s.charAt(starI) != '/')) {
                p = starP + 1;
                i = ++starI;
                continue;
            }
            return false;
        }
        while (p < pl && (pattern.charAt(p) == Sentinels.STAR || pattern.charAt(p) == Sentinels.UNKNOWN)) {
            p++;
        }
        return p == pl;
    }

    private static boolean inSet(String pattern, int from, int to, char c) {
        boolean negate = from < to && (pattern.charAt(from) == '!' || pattern.charAt(from) == '^');
        int k = negate ? from + 1 : from;
        boolean hit = false;
        while (k < to) {
            char a = pattern.charAt(k);
            if (k + 2 < to && pattern.charAt(k + 1) == '-') {
                if (c >= a && c <= pattern.charAt(k + 2)) {
                    hit = true;
                }
                k += 3;
            } else {
                if (c == a) {
                    hit = true;
                }
                k++;
            }
        }
        return hit != negate;
    }
}
