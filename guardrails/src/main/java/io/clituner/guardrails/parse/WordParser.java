package io.clituner.guardrails.parse;

import io.clituner.guardrails.internal.escape.Backslash;
import io.clituner.guardrails.parse.Ast.Arith;
import io.clituner.guardrails.parse.Ast.CmdSub;
import io.clituner.guardrails.parse.Ast.Lit;
import io.clituner.guardrails.parse.Ast.Param;
import io.clituner.guardrails.parse.Ast.Part;
import io.clituner.guardrails.parse.Ast.ProcSub;
import io.clituner.guardrails.parse.Ast.Script;
import io.clituner.guardrails.parse.Ast.Word;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** Words: quoting, parameter expansions, command and process substitution, backticks, arithmetic. */
abstract class WordParser extends BashLexer {

    WordParser(String src, int maxDepth) {
        super(src, maxDepth);
    }

    static final String[] PARAM_OPS = {
        ":-", ":=", ":+", ":?", "##", "%%", "//", "/#", "/%", "^^", ",,", "~~", "-", "=", "+", "?", "#", "%", "/", "^",
        ",", "~", ":", "@"
    };

    enum WordMode {
        NORMAL,
        COND,
        PARAM_ARG,
        PARAM_PATTERN
    }

    @Nullable
    Word parseWordOrNull(boolean cond) throws ParseException {
        return parseWord(cond ? WordMode.COND : WordMode.NORMAL);
    }

    /** {@code '…'}: literal up to the next single quote. */
    private Lit singleQuoted() throws ParseException {
        int end = src.indexOf('\'', pos + 1);
        if (end < 0) {
            throw error("unterminated single quote");
        }
        Lit l = new Lit(src.substring(pos + 1, end), true);
        pos = end + 1;
        return l;
    }

    /** Parses one word at {@code pos}; returns null when no word starts here. */
    @Nullable
    Word parseWord(WordMode mode) throws ParseException {
        int start = pos;
        List<Part> parts = new ArrayList<>(2);
        StringBuilder lit = new StringBuilder();
        while (pos < len) {
            char c = src.charAt(pos);
            if (mode == WordMode.NORMAL || mode == WordMode.COND) {
                if (c == ' ' || c == '\t' || c == '\n') {
                    break;
                }
                if (mode == WordMode.NORMAL && isMeta(c)) {
                    if ((c == '<' || c == '>') && peek(1) == '(' && pos == start) {
                        pos += 2;
                        Script s = parseList(Set.of(), true, false);
                        expectChar(')');
                        parts.add(new ProcSub(s, c == '<'));
                        continue;
                    }
                    break;
                }
                if (mode == WordMode.COND
                        && (c == ';' || (c == '&' && peek(1) == '&') || (c == '|' && peek(1) == '|'))) {
                    break;
                }
            } else if (c == '}') {
                break;
            } else if (mode == WordMode.PARAM_PATTERN && c == '/') {
                break;
            }
            switch (c) {
                case '\'' -> {
                    flush(parts, lit);
                    parts.add(singleQuoted());
                }
                case '"' -> {
                    flush(parts, lit);
                    pos++;
                    parts.addAll(parseQuotedRun(-1, false));
                }
                case '\\' -> backslashInWord(parts, lit);
                case '$' -> {
                    flush(parts, lit);
                    parts.add(parseDollar(false));
                }
                case '`' -> {
                    flush(parts, lit);
                    parts.add(parseBacktick(false));
                }
                default -> {
                    lit.append(c);
                    pos++;
                }
            }
        }
        flush(parts, lit);
        if (pos == start) {
            return null;
        }
        return new Word(parts, start, pos);
    }

    /** An unquoted backslash: a line continuation (dropped) or a quoted character. */
    private void backslashInWord(List<Part> parts, StringBuilder lit) {
        if (pos + 1 >= len) {
            pos++; // line continuation into the end of input
            return;
        }
        if (src.charAt(pos + 1) == '\n') {
            pos += 2;
            return;
        }
        flush(parts, lit);
        parts.add(new Lit(String.valueOf(src.charAt(pos + 1)), true));
        pos += 2;
    }

    static void flush(List<Part> parts, StringBuilder lit) {
        flush(parts, lit, false);
    }

    /** Moves the pending literal text, if any, into {@code parts} as one literal part. */
    static void flush(List<Part> parts, StringBuilder lit, boolean quoted) {
        if (lit.length() > 0) {
            parts.add(new Lit(lit.toString(), quoted));
            lit.setLength(0);
        }
    }

    /**
     * Double-quoted text (or an unquoted here-document body when {@code end >= 0}): only {@code $},
     * backquote and backslash are special; everything yields quoted parts.
     */
    @Override
    List<Part> parseQuotedRun(int end, boolean heredoc) throws ParseException {
        List<Part> parts = new ArrayList<>();
        StringBuilder lit = new StringBuilder();
        int limit = end >= 0 ? end : len;
        while (true) {
            if (pos >= limit) {
                if (end < 0) {
                    throw error("unterminated double quote");
                }
                break;
            }
            char c = src.charAt(pos);
            if (c == '"' && !heredoc) {
                pos++;
                break;
            }
            if (c == '\\' && pos + 1 < limit) {
                char n = src.charAt(pos + 1);
                if (n == '$' || n == '`' || n == '\\' || (n == '"' && !heredoc)) {
                    lit.append(n);
                    pos += 2;
                    continue;
                }
                if (n == '\n') {
                    pos += 2;
                    continue;
                }
                lit.append(c);
                pos++;
                continue;
            }
            if (c == '$') {
                flush(parts, lit, true);
                parts.add(parseDollar(true));
                continue;
            }
            if (c == '`') {
                flush(parts, lit, true);
                parts.add(parseBacktick(true));
                continue;
            }
            lit.append(c);
            pos++;
        }
        flush(parts, lit, true);
        if (parts.isEmpty()) {
            parts.add(new Lit("", true));
        }
        return parts;
    }

    Part parseDollar(boolean quoted) throws ParseException {
        int start = pos;
        pos++;
        if (pos >= len) {
            return new Lit("$", quoted);
        }
        char c = src.charAt(pos);
        if (c == '\'' && !quoted) {
            pos++;
            StringBuilder decoded = new StringBuilder();
            int end = Backslash.decodeAnsiC(src, pos, decoded);
            if (end < 0) {
                pos = len;
                throw error("unterminated $'");
            }
            pos = end;
            return new Lit(decoded.toString(), true);
        }
        if (c == '"' && !quoted) {
            pos++;
            List<Part> inner = parseQuotedRun(-1, false);
            if (inner.size() == 1) {
                return inner.get(0);
            }
            // $"…" with expansions: keep as a nested quoted parameter-free concatenation via CmdSub-free parts
            return new Param("", null, "concat", new Word(inner, start, pos), null, true);
        }
        if (c == '(') {
            if (peek(1) == '(') {
                pos += 2;
                return new Arith(parseArith(start), quoted);
            }
            pos++;
            Script s = parseList(Set.of(), true, false);
            expectChar(')');
            return new CmdSub(FileShorthand.expand(s), quoted);
        }
        if (c == '[') {
            int close = src.indexOf(']', pos);
            if (close < 0) {
                throw error("unterminated $[");
            }
            pos = close + 1;
            return new Arith(new Word(List.of(new Lit(src.substring(start + 2, close), true)), start, pos), quoted);
        }
        if (c == '{') {
            pos++;
            return parseBraceParam(quoted);
        }
        if (isNameStart(c)) {
            int p = pos;
            while (p < len && isNameChar(src.charAt(p))) {
                p++;
            }
            String name = src.substring(pos, p);
            pos = p;
            return new Param(name, null, "", null, null, quoted);
        }
        if (Character.isDigit(c) || "@*#?-$!".indexOf(c) >= 0) {
            pos++;
            return new Param(String.valueOf(c), null, "", null, null, quoted);
        }
        return new Lit("$", quoted);
    }

    /** The parameter after <code>${</code> and its prefix: a name, a positional number or a special parameter. */
    private String paramName() throws ParseException {
        int p = pos;
        if (p < len && isNameStart(src.charAt(p))) {
            while (p < len && isNameChar(src.charAt(p))) {
                p++;
            }
        } else if (p < len && Character.isDigit(src.charAt(p))) {
            while (p < len && Character.isDigit(src.charAt(p))) {
                p++;
            }
        } else if (p < len && "@*#?-$!".indexOf(src.charAt(p)) >= 0) {
            p++;
        } else {
            throw error("bad substitution");
        }
        String name = src.substring(pos, p);
        pos = p;
        return name;
    }

    /** The operator after the parameter (longest first, see {@link #PARAM_OPS}). */
    private String paramOp() throws ParseException {
        for (String candidate : PARAM_OPS) {
            if (src.startsWith(candidate, pos)) {
                pos += candidate.length();
                return candidate;
            }
        }
        throw error("bad substitution");
    }

    Part parseBraceParam(boolean quoted) throws ParseException {
        enter();
        try {
            String prefix = "";
            if (pos < len
                    && (src.charAt(pos) == '#' || src.charAt(pos) == '!')
                    && pos + 1 < len
                    && src.charAt(pos + 1) != '}') {
                prefix = String.valueOf(src.charAt(pos));
                pos++;
            }
            String name = paramName();
            String subscript = null;
            if (pos < len && src.charAt(pos) == '[') {
                int close = src.indexOf(']', pos);
                if (close < 0) {
                    throw error("unterminated subscript");
                }
                subscript = src.substring(pos + 1, close);
                pos = close + 1;
            }
            if (pos >= len) {
                throw error("unterminated ${");
            }
            if (src.charAt(pos) == '}') {
                pos++;
                String op = prefix.equals("#") ? "len" : prefix.equals("!") ? "!" : "";
                return new Param(name, subscript, op, null, null, quoted);
            }
            if (prefix.equals("!") && (src.charAt(pos) == '*' || src.charAt(pos) == '@') && peek(1) == '}') {
                pos += 2;
                return new Param(name, subscript, "keys", null, null, quoted);
            }
            String op = paramOp();
            Word arg;
            Word arg2 = null;
            if (op.startsWith("/")) {
                arg = parseWord(WordMode.PARAM_PATTERN);
                if (pos < len && src.charAt(pos) == '/') {
                    pos++;
                    arg2 = parseWord(WordMode.PARAM_ARG);
                }
            } else {
                arg = parseWord(WordMode.PARAM_ARG);
            }
            if (pos >= len || src.charAt(pos) != '}') {
                throw error("unterminated ${");
            }
            pos++;
            if (prefix.equals("!")) {
                op = "!" + op;
            }
            return new Param(name, subscript, op, arg, arg2, quoted);
        } finally {
            depth--;
        }
    }

    Part parseBacktick(boolean quoted) throws ParseException {
        int start = pos;
        pos++;
        StringBuilder inner = new StringBuilder();
        while (true) {
            if (pos >= len) {
                throw error("unterminated backquote");
            }
            char c = src.charAt(pos);
            if (c == '`') {
                pos++;
                break;
            }
            if (c == '\\' && pos + 1 < len) {
                char n = src.charAt(pos + 1);
                if (n == '`' || n == '\\' || n == '$' || (quoted && n == '"')) {
                    inner.append(n);
                    pos += 2;
                    continue;
                }
            }
            inner.append(c);
            pos++;
        }
        enter();
        try {
            BashParser sub = new BashParser(inner.toString(), maxDepth);
            sub.depth = depth;
            Script s;
            try {
                s = sub.parse();
            } finally {
                seen.addAll(sub.seen);
            }
            // Spans inside backquotes point at the whole substitution: offsets differ after unescaping.
            return new CmdSub(FileShorthand.expand(new Script(s.items(), start, pos)), quoted);
        } catch (ParseException e) {
            throw new ParseException(
                    java.util.Objects.requireNonNullElse(e.getMessage(), "syntax error"), start + 1, e.isLimit());
        } finally {
            depth--;
        }
    }

    /** Reads an arithmetic expression up to the matching "))"; only expansions inside matter. */
    Word parseArith(int start) throws ParseException {
        enter();
        try {
            List<Part> parts = new ArrayList<>();
            StringBuilder lit = new StringBuilder();
            int paren = 0;
            while (true) {
                if (pos >= len) {
                    throw error("unterminated arithmetic expression");
                }
                char c = src.charAt(pos);
                if (c == ')' && paren == 0) {
                    if (peek(1) == ')') {
                        pos += 2;
                        break;
                    }
                    throw error("unbalanced ')' in arithmetic");
                }
                if (c == '(') {
                    paren++;
                } else if (c == ')') {
                    paren--;
                }
                if (c == '$') {
                    flush(parts, lit, true);
                    parts.add(parseDollar(true));
                    continue;
                }
                if (c == '`') {
                    parts.add(parseBacktick(true));
                    continue;
                }
                if (c == '\'' || c == '"') {
                    int end = src.indexOf(c, pos + 1);
                    if (end < 0) {
                        throw error("unterminated quote in arithmetic");
                    }
                    lit.append(src, pos + 1, end);
                    pos = end + 1;
                    continue;
                }
                lit.append(c);
                pos++;
            }
            flush(parts, lit, true);
            return new Word(parts, start, pos);
        } finally {
            depth--;
        }
    }
}
