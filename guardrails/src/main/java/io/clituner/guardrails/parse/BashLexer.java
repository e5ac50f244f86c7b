package io.clituner.guardrails.parse;

import io.clituner.guardrails.parse.Ast.Command;
import io.clituner.guardrails.parse.Ast.Lit;
import io.clituner.guardrails.parse.Ast.Part;
import io.clituner.guardrails.parse.Ast.Script;
import io.clituner.guardrails.parse.Ast.Simple;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The parser's cursor over the source and its lexical rules: blanks, comments and line continuations, reserved
 * words, here-document bodies (read at the next newline), the nesting bound. The layers above add words,
 * redirections, compound commands and lists; {@link BashParser} is the one to use.
 */
abstract class BashLexer {

    BashLexer(String src, int maxDepth) {
        this.src = src;
        this.len = src.length();
        this.maxDepth = maxDepth;
    }

    /** A list up to one of {@code stopWords}, a closing parenthesis or a case terminator (lists are the top layer). */
    abstract Script parseList(Set<String> stopWords, boolean stopParen, boolean stopCase) throws ParseException;

    /** One command of a pipeline. */
    abstract Command parseCommand() throws ParseException;

    /** Double-quoted text (or an unquoted here-document body) up to {@code end}. */
    abstract List<Part> parseQuotedRun(int end, boolean heredoc) throws ParseException;

    final String src;

    final int len;

    final int maxDepth;

    int pos;

    int depth;

    /** Every simple command completed so far (see {@link BashParser#seenCommands}). */
    final List<Simple> seen = new ArrayList<>();

    final List<PendingHeredoc> pendingHeredocs = new ArrayList<>();

    record PendingHeredoc(String delimiter, boolean quoted, boolean stripTabs, List<Part> target) {}

    void readHeredocBodies() throws ParseException {
        List<PendingHeredoc> todo = new ArrayList<>(pendingHeredocs);
        pendingHeredocs.clear();
        for (PendingHeredoc h : todo) {
            int bodyStart = pos;
            int bodyEnd = len;
            int next = len;
            int p = pos;
            while (p < len) {
                int eol = src.indexOf('\n', p);
                int lineEnd = eol < 0 ? len : eol;
                int ls = p;
                if (h.stripTabs()) {
                    while (ls < lineEnd && src.charAt(ls) == '\t') {
                        ls++;
                    }
                }
                if (src.substring(ls, lineEnd).equals(h.delimiter())) {
                    bodyEnd = p;
                    next = eol < 0 ? len : eol + 1;
                    break;
                }
                p = eol < 0 ? len : eol + 1;
            }
            if (h.quoted()) {
                h.target().add(new Lit(src.substring(bodyStart, bodyEnd), true));
            } else {
                int save = pos;
                pos = bodyStart;
                h.target().addAll(parseQuotedRun(bodyEnd, true));
                pos = save;
            }
            pos = next;
        }
    }

    /** The next token if it is an unquoted word that could be a reserved word, else null. */
    @Nullable
    String peekReserved() {
        int p = pos;
        while (p < len && (src.charAt(p) == ' ' || src.charAt(p) == '\t')) {
            p++;
        }
        int s = p;
        if (p < len && (src.charAt(p) == '{' || src.charAt(p) == '}' || src.charAt(p) == '!')) {
            p++;
        } else if (src.startsWith("[[", p)) {
            p += 2;
        } else {
            while (p < len && src.charAt(p) >= 'a' && src.charAt(p) <= 'z') {
                p++;
            }
        }
        if (p == s || (p < len && !isMeta(src.charAt(p)) && !isBlank(src.charAt(p)) && src.charAt(p) != '\n')) {
            return null;
        }
        String w = src.substring(s, p);
        if (!RESERVED.contains(w)) {
            return null;
        }
        pos = s; // consume leading blanks so callers can advance by the word length
        return w;
    }

    void expectReserved(String w) throws ParseException {
        skipBlanksAndNewlines();
        if (!w.equals(peekReserved())) {
            throw error("expected '" + w + "'");
        }
        pos += w.length();
    }

    void expectChar(char c) throws ParseException {
        skipBlanksAndNewlines();
        if (pos >= len || src.charAt(pos) != c) {
            throw error("expected '" + c + "'");
        }
        pos++;
    }

    void skipBlanks() {
        while (pos < len) {
            char c = src.charAt(pos);
            if (c == ' ' || c == '\t' || c == '\r') {
                pos++;
            } else if (c == '\\' && pos + 1 < len && src.charAt(pos + 1) == '\n') {
                pos += 2;
            } else if (c == '\\' && pos + 1 == len) {
                pos++; // a final backslash continues the line into the end of input, as when bash reads a script
            } else if (c == '#') {
                while (pos < len && src.charAt(pos) != '\n') {
                    pos++;
                }
            } else {
                return;
            }
        }
    }

    void skipBlanksAndNewlines() throws ParseException {
        while (true) {
            skipBlanks();
            if (pos < len && src.charAt(pos) == '\n') {
                pos++;
                if (!pendingHeredocs.isEmpty()) {
                    readHeredocBodies();
                }
            } else {
                return;
            }
        }
    }

    char peek(int ahead) {
        int p = pos + ahead;
        return p < len ? src.charAt(p) : '\0';
    }

    void enter() throws ParseException {
        if (++depth > maxDepth) {
            throw new ParseException("nesting deeper than " + maxDepth + " levels", pos, true);
        }
    }

    ParseException error(String message) {
        return new ParseException(message + " at offset " + pos, pos, false);
    }

    void setPos(int p) {
        pos = p;
    }

    int pos() {
        return pos;
    }

    static boolean isMeta(char c) {
        return c == ';' || c == '&' || c == '|' || c == '(' || c == ')' || c == '<' || c == '>' || c == '\n' || c == ' '
                || c == '\t';
    }

    static boolean isBlank(char c) {
        return c == ' ' || c == '\t' || c == '\r';
    }

    static boolean isNameStart(char c) {
        return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    static boolean isNameChar(char c) {
        return isNameStart(c) || (c >= '0' && c <= '9');
    }

    public static boolean isName(String s) {
        if (s.isEmpty() || !isNameStart(s.charAt(0))) {
            return false;
        }
        for (int i = 1; i < s.length(); i++) {
            if (!isNameChar(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** Reserved words that end a list; they cannot start a simple command. */
    /** The words {@link #peekReserved} recognises where a command starts. */
    static final Set<String> RESERVED = Set.of(
            "if",
            "then",
            "elif",
            "else",
            "fi",
            "do",
            "done",
            "case",
            "esac",
            "while",
            "until",
            "for",
            "select",
            "in",
            "function",
            "time",
            "{",
            "}",
            "!",
            "[[",
            "coproc");

    static final Set<String> CLOSERS = Set.of("then", "elif", "else", "fi", "do", "done", "esac", "}");

    boolean closerNext() {
        String rw = peekReserved();
        return rw != null && CLOSERS.contains(rw);
    }
}
