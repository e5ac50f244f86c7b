package io.clituner.guardrails.internal.analysis;

import io.clituner.guardrails.internal.expand.Sentinels;
import java.util.ArrayList;
import java.util.List;

/**
 * Reading the text of an inline program without parsing its language: string literals and where they end,
 * matching brackets, statement ends, interpolated variables, escapes. Shared by every {@link ForeignLanguage}.
 */
final class ForeignText {
    private ForeignText() {}

    /** The string literals of a call's arguments, unescaped, in order. */
    static List<String> stringLiterals(String args) {
        List<String> out = new ArrayList<>();
        int i = 0;
        while (i < args.length()) {
            char c = args.charAt(i);
            if (c == '\'' || c == '"' || c == '`') {
                int e = stringEnd(args, i);
                out.add(unescape(args.substring(i + 1, Math.max(i + 1, e))));
                i = e + 1;
                continue;
            }
            i++;
        }
        return out;
    }

    /** A literal that could be base64 text: one alphabet (standard or URL-safe) and both letter cases. */
    static boolean base64Like(String lit) {
        boolean upper = false;
        boolean lowerCase = false;
        boolean std = false;
        boolean url = false;
        for (int i = 0; i < lit.length(); i++) {
            char c = lit.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                upper = true;
            } else if (c >= 'a' && c <= 'z') {
                lowerCase = true;
            } else if (c == '+' || c == '/') {
                std = true;
            } else if (c == '-' || c == '_') {
                url = true;
            } else if (!(c >= '0' && c <= '9') && c != '=') {
                return false;
            }
        }
        return upper && lowerCase && !(std && url);
    }

    /** Two or more top-level arguments, every one a plain string literal. */
    static boolean onlyLiterals(String args) {
        int count = 0;
        int i = 0;
        int n = args.length();
        while (i < n) {
            char c = args.charAt(i);
            if (c == '\'' || c == '"') {
                i = stringEnd(args, i) + 1;
                count++;
                while (i < n && Character.isWhitespace(args.charAt(i))) {
                    i++;
                }
                if (i < n && args.charAt(i) != ',') {
                    return false;
                }
                i++;
                continue;
            }
            if (!Character.isWhitespace(c)) {
                return false;
            }
            i++;
        }
        return count >= 2;
    }

    static List<String> literals(String args) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        int i = 0;
        while (i < args.length()) {
            char c = args.charAt(i);
            if (c == '\'' || c == '"') {
                int e = stringEnd(args, i);
                cur.append(unescape(args.substring(i + 1, Math.max(i + 1, e))));
                i = e + 1;
                continue;
            }
            if (c == ',') {
                if (cur.length() > 0) {
                    out.add(cur.toString());
                }
                cur.setLength(0);
            } else if (Character.isJavaIdentifierStart(c)) {
                while (i < args.length() && Character.isJavaIdentifierPart(args.charAt(i))) {
                    i++;
                }
                int k = i;
                while (k < args.length() && (args.charAt(k) == ' ' || args.charAt(k) == '(')) {
                    k++;
                }
                boolean wrapsLiteral = k < args.length() && (args.charAt(k) == '"' || args.charAt(k) == '\'');
                if (!wrapsLiteral && (cur.length() > 0 || out.isEmpty())) {
                    cur.append(Sentinels.UNKNOWN);
                }
                continue;
            }
            i++;
        }
        if (cur.length() > 0) {
            out.add(cur.toString());
        }
        return out;
    }

    /** Perl/Ruby/PHP interpolate variables in double quotes and backquotes: they become unknown. */
    static String interpolations(String s) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if ((c == '$' || c == '@')
                    && i + 1 < s.length()
                    && (Character.isJavaIdentifierStart(s.charAt(i + 1))
                            || s.charAt(i + 1) == '{'
                            || s.charAt(i + 1) == '_')) {
                i++;
                if (s.charAt(i) == '{') {
                    int e = s.indexOf('}', i);
                    i = e < 0 ? s.length() : e;
                } else {
                    while (i + 1 < s.length() && Character.isJavaIdentifierPart(s.charAt(i + 1))) {
                        i++;
                    }
                }
                sb.append(Sentinels.UNKNOWN);
            } else if (c == '#' && i + 1 < s.length() && s.charAt(i + 1) == '{') {
                int e = s.indexOf('}', i);
                i = e < 0 ? s.length() : e;
                sb.append(Sentinels.UNKNOWN);
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    static int skipSpaces(String s, int i) {
        while (i < s.length() && s.charAt(i) == ' ') {
            i++;
        }
        return i;
    }

    static int stringEnd(String s, int open) {
        char q = s.charAt(open);
        boolean triple = s.startsWith(String.valueOf(q).repeat(3), open);
        if (triple) {
            int e = s.indexOf(String.valueOf(q).repeat(3), open + 3);
            return e < 0 ? s.length() : e + 2;
        }
        int i = open + 1;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '\\') {
                i += 2;
                continue;
            }
            if (c == q) {
                return i;
            }
            i++;
        }
        return s.length();
    }

    static int matching(String s, int open) {
        int depth = 0;
        int i = open;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '\'' || c == '"' || c == '`') {
                i = stringEnd(s, i) + 1;
                continue;
            }
            if (c == '(' || c == '[' || c == '{') {
                depth++;
            } else if (c == ')' || c == ']' || c == '}') {
                depth--;
                if (depth == 0) {
                    return i;
                }
            }
            i++;
        }
        return s.length();
    }

    static int statementEnd(String s, int from) {
        int i = from;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '\'' || c == '"') {
                i = stringEnd(s, i) + 1;
                continue;
            }
            if (c == ';' || c == '\n' || c == '}') {
                return i;
            }
            i++;
        }
        return s.length();
    }

    static String unescape(String s) {
        if (s.indexOf('\\') < 0) {
            return s;
        }
        return io.clituner.guardrails.internal.expand.Escapes.decode(
                s.replace("\\'", "'").replace("\\\"", "\"").replace("\\/", "/"), false);
    }

    static boolean printable(String s) {
        int bad = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 && c != '\n' && c != '\t' && c != '\r') {
                bad++;
            }
        }
        return bad * 10 < s.length();
    }
}
