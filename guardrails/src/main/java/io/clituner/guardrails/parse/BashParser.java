package io.clituner.guardrails.parse;

import io.clituner.guardrails.parse.Ast.Arith;
import io.clituner.guardrails.parse.Ast.Assignment;
import io.clituner.guardrails.parse.Ast.CmdSub;
import io.clituner.guardrails.parse.Ast.Command;
import io.clituner.guardrails.parse.Ast.Compound;
import io.clituner.guardrails.parse.Ast.FunctionDef;
import io.clituner.guardrails.parse.Ast.Item;
import io.clituner.guardrails.parse.Ast.Kind;
import io.clituner.guardrails.parse.Ast.Lit;
import io.clituner.guardrails.parse.Ast.Param;
import io.clituner.guardrails.parse.Ast.Part;
import io.clituner.guardrails.parse.Ast.Pipeline;
import io.clituner.guardrails.parse.Ast.ProcSub;
import io.clituner.guardrails.parse.Ast.Redirect;
import io.clituner.guardrails.parse.Ast.Script;
import io.clituner.guardrails.parse.Ast.Simple;
import io.clituner.guardrails.parse.Ast.Word;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A hand-written recursive-descent parser for the bash grammar (POSIX sh plus bash's {@code [[ ]]},
 * {@code (( ))}, {@code $'…'}, process substitution, here-strings, arrays, coproc). One pass, no
 * backtracking beyond a few characters of look-ahead, so time is linear in the input. Nesting is
 * bounded by {@link #maxDepth}: deeper input is rejected with a limit {@link ParseException}
 * instead of risking a stack overflow. Not thread-safe; create one per input (cheap).
 */
public final class BashParser {
    /** Reserved words that end a list; they cannot start a simple command. */
    private static final Set<String> CLOSERS = Set.of("then", "elif", "else", "fi", "do", "done", "esac", "}");

    private static final String[] REDIRECT_OPS = {"&>>", "<<<", "<<-", "&>", "<<", "<&", "<>", ">>", ">&", ">|", "<", ">"};
    private static final String[] PARAM_OPS = {":-", ":=", ":+", ":?", "##", "%%", "//", "/#", "/%", "^^", ",,", "~~",
            "-", "=", "+", "?", "#", "%", "/", "^", ",", "~", ":", "@"};
    private static final Set<String> COMPOUND_STARTS = Set.of("{", "if", "while", "until", "for", "select", "case", "[[");

    private final String src;
    private final int len;
    private final int maxDepth;
    private int pos;
    private int depth;
    private final List<Simple> seen = new ArrayList<>();
    private final List<PendingHeredoc> pendingHeredocs = new ArrayList<>();

    private record PendingHeredoc(String delimiter, boolean quoted, boolean stripTabs, List<Part> target) {}

    public BashParser(String src, int maxDepth) {
        this.src = src;
        this.len = src.length();
        this.maxDepth = maxDepth;
    }

    /** Every simple command completed so far, including those inside constructs that later failed. */
    public List<Simple> seenCommands() {
        return seen;
    }

    public Script parse() throws ParseException {
        Script s = parseList(Set.of(), false, false);
        skipBlanksAndNewlines();
        if (pos < len) {
            throw error("unexpected '" + src.charAt(pos) + "'");
        }
        if (!pendingHeredocs.isEmpty()) {
            readHeredocBodies();
        }
        return s;
    }

    // ---------------------------------------------------------------- lists

    private Script parseList(Set<String> stopWords, boolean stopParen, boolean stopCase) throws ParseException {
        enter();
        int start = pos;
        List<Item> items = new ArrayList<>();
        while (true) {
            skipBlanksAndNewlines();
            if (pos >= len) {
                break;
            }
            char c = src.charAt(pos);
            if (c == ')' && stopParen) {
                break;
            }
            if (stopCase && c == ';' && peek(1) == ';') {
                break;
            }
            if (stopCase && c == ';' && peek(1) == '&') {
                break;
            }
            String rw = peekReserved();
            if (rw != null && (stopWords.contains(rw))) {
                break;
            }
            if (c == ';' || c == '&' || c == '|' || c == ')') {
                throw error("unexpected '" + c + "'");
            }
            List<Pipeline> andOr = parseAndOr();
            boolean bg = false;
            skipBlanks();
            if (pos < len) {
                c = src.charAt(pos);
                if (c == ';' && peek(1) != ';' && peek(1) != '&') {
                    pos++;
                } else if (c == '&' && peek(1) != '&' && peek(1) != '>') {
                    pos++;
                    bg = true;
                } else if (c == '\n') {
                    pos++;
                    readHeredocBodies();
                }
            }
            items.add(new Item(andOr, bg));
        }
        depth--;
        return new Script(items, start, pos);
    }

    private List<Pipeline> parseAndOr() throws ParseException {
        List<Pipeline> list = new ArrayList<>();
        list.add(parsePipeline());
        while (true) {
            skipBlanks();
            if (pos + 1 < len && ((src.charAt(pos) == '&' && src.charAt(pos + 1) == '&')
                    || (src.charAt(pos) == '|' && src.charAt(pos + 1) == '|'))) {
                pos += 2;
                skipBlanksAndNewlines();
                list.add(parsePipeline());
            } else {
                return list;
            }
        }
    }

    private Pipeline parsePipeline() throws ParseException {
        skipBlanks();
        int start = pos;
        boolean negated = false;
        while (true) {
            String rw = peekReserved();
            if ("!".equals(rw)) {
                pos++;
                negated = !negated;
                skipBlanks();
            } else if ("time".equals(rw)) {
                pos += 4;
                skipBlanks();
                if (src.startsWith("-p", pos) && (pos + 2 >= len || isBlank(src.charAt(pos + 2)))) {
                    pos += 2;
                    skipBlanks();
                }
            } else {
                break;
            }
        }
        List<Command> cmds = new ArrayList<>();
        if (atListEnd()) {
            if (negated || pos > start) {
                // "time" or "!" alone is valid bash
                return new Pipeline(cmds, negated, start, pos);
            }
            throw error("expected a command");
        }
        cmds.add(parseCommand());
        while (true) {
            skipBlanks();
            if (pos < len && src.charAt(pos) == '|' && peek(1) != '|') {
                pos += peek(1) == '&' ? 2 : 1;
                skipBlanksAndNewlines();
                if (pos >= len) {
                    throw error("a pipe needs a command after it");
                }
                if ("!".equals(peekReserved())) {
                    throw error("'!' may only start a pipeline"); // bash: syntax error near unexpected token `!'
                }
                cmds.add(parseCommand());
            } else {
                break;
            }
        }
        return new Pipeline(cmds, negated, start, pos);
    }

    private boolean atListEnd() {
        if (pos >= len) {
            return true;
        }
        char c = src.charAt(pos);
        return c == ';' || c == '\n' || c == ')' || (c == '&' && peek(1) != '>') || (c == '|');
    }

    // ---------------------------------------------------------------- commands

    private Command parseCommand() throws ParseException {
        enter();
        try {
            skipBlanks();
            int start = pos;
            if (pos >= len) {
                throw error("expected a command");
            }
            char c = src.charAt(pos);
            if (c == '(') {
                if (peek(1) == '(') {
                    pos += 2;
                    Word w = parseArith(start);
                    return new Compound(Kind.ARITH, List.of(), List.of(w), null, parseTrailingRedirects(), start, pos);
                }
                pos++;
                Script body = parseList(Set.of(), true, false);
                expectChar(')');
                requireNonEmpty(body, "( )");
                return new Compound(Kind.SUBSHELL, List.of(body), List.of(), null, parseTrailingRedirects(), start, pos);
            }
            String rw = peekReserved();
            if (rw != null) {
                switch (rw) {
                    case "{":
                        pos++;
                        Script g = parseList(Set.of("}"), false, false);
                        expectReserved("}");
                        requireNonEmpty(g, "{ }");
                        return new Compound(Kind.GROUP, List.of(g), List.of(), null, parseTrailingRedirects(), start, pos);
                    case "if":
                        return parseIf(start);
                    case "while":
                    case "until": {
                        pos += rw.length();
                        Script cond = parseList(Set.of("do"), false, false);
                        expectReserved("do");
                        Script body = parseList(Set.of("done"), false, false);
                        expectReserved("done");
                        requireNonEmpty(cond, rw);
                        requireNonEmpty(body, "do … done");
                        return new Compound(rw.equals("while") ? Kind.WHILE : Kind.UNTIL, List.of(cond, body), List.of(),
                                null, parseTrailingRedirects(), start, pos);
                    }
                    case "for":
                    case "select":
                        return parseFor(start, rw);
                    case "case":
                        return parseCase(start);
                    case "[[":
                        return parseCond(start);
                    case "function":
                        return parseFunctionKeyword(start);
                    case "coproc":
                        return parseCoproc(start);
                    default:
                        if (CLOSERS.contains(rw) || rw.equals("in")) {
                            throw error("unexpected '" + rw + "'");
                        }
                }
            }
            if (src.startsWith("]]", pos) && (pos + 2 >= len || isMeta(src.charAt(pos + 2)) || isBlank(src.charAt(pos + 2))
                    || src.charAt(pos + 2) == '\n')) {
                throw error("unexpected ']]'"); // bash reserves it even where no [[ is open
            }
            return parseSimpleOrFunction(start);
        } finally {
            depth--;
        }
    }

    private void requireNonEmpty(Script s, String what) throws ParseException {
        if (s.items().isEmpty()) {
            throw error("empty body in " + what);
        }
    }

    private Command parseIf(int start) throws ParseException {
        pos += 2;
        List<Script> parts = new ArrayList<>();
        Set<String> condStop = Set.of("then");
        Set<String> bodyStop = Set.of("elif", "else", "fi");
        while (true) {
            Script cond = parseList(condStop, false, false);
            expectReserved("then");
            Script body = parseList(bodyStop, false, false);
            requireNonEmpty(cond, "if");
            requireNonEmpty(body, "then");
            parts.add(cond);
            parts.add(body);
            String rw = peekReserved();
            if ("elif".equals(rw)) {
                pos += 4;
                continue;
            }
            if ("else".equals(rw)) {
                pos += 4;
                Script e = parseList(Set.of("fi"), false, false);
                requireNonEmpty(e, "else");
                parts.add(e);
            }
            expectReserved("fi");
            return new Compound(Kind.IF, parts, List.of(), null, parseTrailingRedirects(), start, pos);
        }
    }

    private Command parseFor(int start, String kw) throws ParseException {
        pos += kw.length();
        skipBlanks();
        if (kw.equals("for") && src.startsWith("((", pos)) {
            pos += 2;
            Word header = parseArith(pos - 2);
            skipBlanks();
            if (pos < len && src.charAt(pos) == ';') {
                pos++;
            }
            skipBlanksAndNewlines();
            Script body = parseLoopBody();
            return new Compound(Kind.ARITH_FOR, List.of(body), List.of(header), null, parseTrailingRedirects(), start, pos);
        }
        Word nameWord = parseWordOrNull(false);
        String name = nameWord == null ? null : nameWord.bare();
        if (name == null || !isName(name)) {
            throw error("'" + kw + "' needs a variable name");
        }
        skipBlanksAndNewlines();
        List<Word> items = null;
        if ("in".equals(peekReserved())) {
            pos += 2;
            items = new ArrayList<>();
            while (true) {
                skipBlanks();
                if (pos >= len) {
                    throw error("unterminated " + kw);
                }
                char c = src.charAt(pos);
                if (c == ';' || c == '\n') {
                    pos++;
                    break;
                }
                if (isMeta(c)) {
                    throw error("unexpected '" + c + "' in " + kw + " list");
                }
                items.add(parseWordOrNull(false));
            }
        } else if (pos < len && src.charAt(pos) == ';') {
            pos++;
        }
        skipBlanksAndNewlines();
        Script body = parseLoopBody();
        return new Compound(kw.equals("for") ? Kind.FOR : Kind.SELECT, List.of(body), items, name,
                parseTrailingRedirects(), start, pos);
    }

    private Script parseLoopBody() throws ParseException {
        String rw = peekReserved();
        if ("{".equals(rw)) {
            pos++;
            Script g = parseList(Set.of("}"), false, false);
            expectReserved("}");
            requireNonEmpty(g, "{ }");
            return g;
        }
        expectReserved("do");
        Script body = parseList(Set.of("done"), false, false);
        expectReserved("done");
        requireNonEmpty(body, "do … done");
        return body;
    }

    private Command parseCase(int start) throws ParseException {
        pos += 4;
        skipBlanks();
        Word subject = parseWordOrNull(false);
        if (subject == null) {
            throw error("'case' needs a word");
        }
        skipBlanksAndNewlines();
        expectReserved("in");
        List<Word> words = new ArrayList<>();
        words.add(subject);
        List<Script> parts = new ArrayList<>();
        while (true) {
            skipBlanksAndNewlines();
            if ("esac".equals(peekReserved())) {
                pos += 4;
                break;
            }
            if (pos >= len) {
                throw error("unterminated case");
            }
            if (src.charAt(pos) == '(') {
                pos++;
                skipBlanks();
            }
            while (true) {
                skipBlanks();
                Word pat = parseWordOrNull(false);
                if (pat == null) {
                    throw error("expected a case pattern");
                }
                words.add(pat);
                skipBlanks();
                if (pos < len && src.charAt(pos) == '|') {
                    pos++;
                    continue;
                }
                expectChar(')');
                break;
            }
            parts.add(parseList(Set.of("esac"), false, true));
            skipBlanks();
            if (src.startsWith(";;&", pos)) {
                pos += 3;
            } else if (src.startsWith(";;", pos) || src.startsWith(";&", pos)) {
                pos += 2;
            } else {
                skipBlanksAndNewlines();
                expectReserved("esac");
                break;
            }
        }
        return new Compound(Kind.CASE, parts, words, null, parseTrailingRedirects(), start, pos);
    }

    private Command parseCond(int start) throws ParseException {
        pos += 2;
        List<Word> words = new ArrayList<>();
        while (true) {
            skipBlanksAndNewlines();
            if (pos >= len) {
                throw error("unterminated [[");
            }
            if (src.startsWith("]]", pos) && (pos + 2 >= len || isMeta(src.charAt(pos + 2)))) {
                pos += 2;
                break;
            }
            char c = src.charAt(pos);
            if (c == '&' && peek(1) == '&' || c == '|' && peek(1) == '|') {
                pos += 2;
                continue;
            }
            Word w = parseWord(WordMode.COND);
            if (w == null) {
                throw error("unexpected '" + c + "' in [[ ]]");
            }
            words.add(w);
        }
        if (words.isEmpty()) {
            throw error("empty [[ ]]");
        }
        return new Compound(Kind.COND, List.of(), words, null, parseTrailingRedirects(), start, pos);
    }

    private Command parseFunctionKeyword(int start) throws ParseException {
        pos += 8;
        skipBlanks();
        Word nameWord = parseWordOrNull(false);
        String name = nameWord == null ? null : nameWord.literal();
        if (name == null || name.isEmpty()) {
            throw error("'function' needs a name");
        }
        skipBlanks();
        if (pos < len && src.charAt(pos) == '(') {
            pos++;
            skipBlanks();
            expectChar(')');
        }
        skipBlanksAndNewlines();
        return new FunctionDef(name, parseFunctionBody(), start, pos);
    }

    private Command parseFunctionBody() throws ParseException {
        skipBlanksAndNewlines();
        if (pos >= len) {
            throw error("function needs a body");
        }
        char c = src.charAt(pos);
        String rw = peekReserved();
        if (c == '(' || rw != null && COMPOUND_STARTS.contains(rw)) {
            return parseCommand();
        }
        throw error("function body must be a compound command");
    }

    private Command parseCoproc(int start) throws ParseException {
        pos += 6;
        skipBlanks();
        String name = null;
        int save = pos;
        String rw = peekReserved();
        if (rw == null && pos < len && !isMeta(src.charAt(pos))) {
            Word w = parseWordOrNull(false);
            String bare = w == null ? null : w.bare();
            skipBlanks();
            String next = peekReserved();
            boolean compoundNext = pos < len && src.charAt(pos) == '('
                    || next != null && COMPOUND_STARTS.contains(next);
            if (bare != null && isName(bare) && compoundNext) {
                name = bare;
            } else {
                pos = save;
            }
        }
        Command body = parseCommand();
        return new Compound(Kind.COPROC, List.of(new Script(List.of(new Item(List.of(
                new Pipeline(List.of(body), false, body.start(), body.end())), false)), body.start(), body.end())),
                List.of(), name, List.of(), start, pos);
    }

    private List<Redirect> parseTrailingRedirects() throws ParseException {
        List<Redirect> out = new ArrayList<>();
        while (true) {
            skipBlanks();
            Redirect r = tryRedirect();
            if (r == null) {
                break;
            }
            out.add(r);
        }
        if (pos < len && !isMeta(src.charAt(pos)) && !isBlank(src.charAt(pos)) && !closerNext()) {
            // "(ls) done", "{ …; done }": bash reads a reserved word that closes a construct right after a compound
            throw error("unexpected word after a compound command");
        }
        return out;
    }

    private Command parseSimpleOrFunction(int start) throws ParseException {
        List<Assignment> assigns = new ArrayList<>();
        List<Word> words = new ArrayList<>();
        List<Redirect> redirects = new ArrayList<>();
        while (true) {
            skipBlanks();
            if (pos >= len) {
                break;
            }
            char c = src.charAt(pos);
            Redirect r = tryRedirect();
            if (r != null) {
                redirects.add(r);
                continue;
            }
            if (c == '(') {
                if (words.size() == 1 && assigns.isEmpty() && redirects.isEmpty() && words.get(0).literal() != null) {
                    pos++;
                    skipBlanks();
                    expectChar(')');
                    Command body = parseFunctionBody();
                    return new FunctionDef(words.get(0).literal(), body, start, pos);
                }
                throw error("unexpected '('");
            }
            if (isMeta(c) && !((c == '<' || c == '>') && peek(1) == '(')) {
                break;
            }
            if (words.isEmpty() || isDeclaration(words)) {
                Assignment a = tryAssignment();
                if (a != null) {
                    if (words.isEmpty()) {
                        assigns.add(a);
                    } else {
                        words.add(assignmentAsWord(a));
                    }
                    continue;
                }
            }
            Word w = parseWord(WordMode.NORMAL);
            if (w == null) {
                throw error("unexpected '" + c + "'");
            }
            words.add(w);
        }
        if (assigns.isEmpty() && words.isEmpty() && redirects.isEmpty()) {
            throw error(pos < len ? "unexpected '" + src.charAt(pos) + "'" : "unexpected end of input");
        }
        Simple s = new Simple(assigns, words, redirects, start, pos);
        seen.add(s);
        return s;
    }

    private static boolean isDeclaration(List<Word> words) {
        String first = words.get(0).literal();
        return first != null && (first.equals("declare") || first.equals("typeset") || first.equals("local")
                || first.equals("export") || first.equals("readonly"));
    }

    /** Declaration builtins take assignments as arguments; keep them as one word "name=value" plus array parts. */
    private static Word assignmentAsWord(Assignment a) {
        List<Part> parts = new ArrayList<>();
        parts.add(new Lit(a.name() + (a.append() ? "+=" : "="), true));
        if (a.value() != null) {
            parts.addAll(a.value().parts());
        } else if (a.array() != null) {
            boolean first = true;
            for (Word w : a.array()) {
                if (!first) {
                    parts.add(new Lit(" ", true));
                }
                first = false;
                parts.addAll(w.parts());
            }
        }
        return new Word(parts, a.start(), a.end());
    }

    private Assignment tryAssignment() throws ParseException {
        int start = pos;
        int p = pos;
        if (p >= len || !isNameStart(src.charAt(p))) {
            return null;
        }
        while (p < len && isNameChar(src.charAt(p))) {
            p++;
        }
        if (p < len && src.charAt(p) == '[') {
            int close = src.indexOf(']', p);
            if (close < 0) {
                return null;
            }
            p = close + 1;
        }
        String name = src.substring(pos, p); // "a" or "a[0]"
        boolean append = false;
        if (p < len && src.charAt(p) == '+' && p + 1 < len && src.charAt(p + 1) == '=') {
            append = true;
            p++;
        }
        if (p >= len || src.charAt(p) != '=') {
            return null;
        }
        pos = p + 1;
        if (pos < len && src.charAt(pos) == '(') {
            pos++;
            List<Word> elems = new ArrayList<>();
            while (true) {
                skipBlanksAndNewlines();
                if (pos >= len) {
                    throw error("unterminated array assignment");
                }
                if (src.charAt(pos) == ')') {
                    pos++;
                    break;
                }
                Word w = parseWord(WordMode.NORMAL);
                if (w == null) {
                    throw error("unexpected '" + src.charAt(pos) + "' in array");
                }
                elems.add(w);
            }
            return new Assignment(name, append, null, elems, start, pos);
        }
        Word value = parseWord(WordMode.NORMAL);
        if (value == null) {
            value = new Word(List.of(), pos, pos);
        }
        return new Assignment(name, append, value, null, start, pos);
    }

    // ---------------------------------------------------------------- redirections

    private Redirect tryRedirect() throws ParseException {
        int start = pos;
        int p = pos;
        int fd = -1;
        while (p < len && Character.isDigit(src.charAt(p)) && p - pos < 4) {
            p++;
        }
        if (p > pos) {
            if (p >= len || (src.charAt(p) != '<' && src.charAt(p) != '>')) {
                return null;
            }
            fd = Integer.parseInt(src.substring(pos, p));
        } else if (p < len && src.charAt(p) == '{') {
            int close = src.indexOf('}', p);
            if (close > p + 1 && close + 1 < len && (src.charAt(close + 1) == '<' || src.charAt(close + 1) == '>')
                    && isName(src.substring(p + 1, close))) {
                p = close + 1;
                fd = 10;
            }
        }
        if (p >= len) {
            return null;
        }
        char first = src.charAt(p);
        if (first != '<' && first != '>' && first != '&') {
            return null; // every operator starts with one of these: most words never reach the operator table
        }
        String op = null;
        for (String candidate : REDIRECT_OPS) {
            if (src.startsWith(candidate, p)) {
                op = candidate;
                break;
            }
        }
        if (op == null) {
            return null;
        }
        if ((op.equals("<") || op.equals(">")) && p + 1 < len && src.charAt(p + 1) == '(') {
            return null; // process substitution, a word
        }
        pos = p + op.length();
        skipBlanks();
        if (!op.equals("<&") && !op.equals(">&")) {
            int q = pos;
            while (q < len && Character.isDigit(src.charAt(q))) {
                q++;
            }
            if (q > pos && q < len && (src.charAt(q) == '<' || src.charAt(q) == '>')) {
                // "cat < 2>x": bash reads 2> as the next redirection, so this one has no target
                throw error("redirection '" + op + "' needs a target");
            }
        }
        if (op.equals("<<") || op.equals("<<-")) {
            Word delim = parseWord(WordMode.NORMAL);
            if (delim == null) {
                throw error("here-document needs a delimiter");
            }
            boolean quoted = false;
            StringBuilder d = new StringBuilder();
            for (Part part : delim.parts()) {
                if (part instanceof Lit l) {
                    quoted |= l.quoted();
                    d.append(l.text());
                } else {
                    quoted = true;
                }
            }
            List<Part> target = new ArrayList<>();
            pendingHeredocs.add(new PendingHeredoc(d.toString(), quoted, op.equals("<<-"), target));
            // The body is filled in when the parser reaches the end of the line.
            return new Redirect(fd < 0 ? 0 : fd, op, new Word(target, start, pos), start, pos);
        }
        Word target = parseWord(WordMode.NORMAL);
        if (target == null) {
            throw error("redirection '" + op + "' needs a target");
        }
        int defaultFd = op.startsWith("<") ? 0 : 1;
        return new Redirect(fd < 0 ? defaultFd : fd, op, target, start, pos);
    }

    private void readHeredocBodies() throws ParseException {
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

    // ---------------------------------------------------------------- words

    private enum WordMode { NORMAL, COND, PARAM_ARG, PARAM_PATTERN }

    private Word parseWordOrNull(boolean cond) throws ParseException {
        return parseWord(cond ? WordMode.COND : WordMode.NORMAL);
    }

    /** Parses one word at {@code pos}; returns null when no word starts here. */
    private Word parseWord(WordMode mode) throws ParseException {
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
                if (mode == WordMode.COND && (c == ';' || c == '&' && peek(1) == '&' || c == '|' && peek(1) == '|')) {
                    break;
                }
            } else if (c == '}') {
                break;
            } else if (mode == WordMode.PARAM_PATTERN && c == '/') {
                break;
            }
            switch (c) {
                case '\'': {
                    flush(parts, lit);
                    int end = src.indexOf('\'', pos + 1);
                    if (end < 0) {
                        throw error("unterminated single quote");
                    }
                    parts.add(new Lit(src.substring(pos + 1, end), true));
                    pos = end + 1;
                    break;
                }
                case '"':
                    flush(parts, lit);
                    pos++;
                    parts.addAll(parseQuotedRun(-1, false));
                    break;
                case '\\':
                    if (pos + 1 >= len) {
                        pos++; // line continuation into the end of input
                        break;
                    }
                    if (src.charAt(pos + 1) == '\n') {
                        pos += 2;
                        break;
                    }
                    flush(parts, lit);
                    parts.add(new Lit(String.valueOf(src.charAt(pos + 1)), true));
                    pos += 2;
                    break;
                case '$':
                    flush(parts, lit);
                    parts.add(parseDollar(false));
                    break;
                case '`':
                    flush(parts, lit);
                    parts.add(parseBacktick(false));
                    break;
                default:
                    lit.append(c);
                    pos++;
            }
        }
        flush(parts, lit);
        if (pos == start) {
            return null;
        }
        return new Word(parts, start, pos);
    }

    private static void flush(List<Part> parts, StringBuilder lit) {
        if (lit.length() > 0) {
            parts.add(new Lit(lit.toString(), false));
            lit.setLength(0);
        }
    }

    /**
     * Double-quoted text (or an unquoted here-document body when {@code end >= 0}): only {@code $},
     * backquote and backslash are special; everything yields quoted parts.
     */
    private List<Part> parseQuotedRun(int end, boolean heredoc) throws ParseException {
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
                if (lit.length() > 0) {
                    parts.add(new Lit(lit.toString(), true));
                    lit.setLength(0);
                }
                parts.add(parseDollar(true));
                continue;
            }
            if (c == '`') {
                if (lit.length() > 0) {
                    parts.add(new Lit(lit.toString(), true));
                    lit.setLength(0);
                }
                parts.add(parseBacktick(true));
                continue;
            }
            lit.append(c);
            pos++;
        }
        if (lit.length() > 0) {
            parts.add(new Lit(lit.toString(), true));
        }
        if (parts.isEmpty()) {
            parts.add(new Lit("", true));
        }
        return parts;
    }

    private Part parseDollar(boolean quoted) throws ParseException {
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
            return new CmdSub(s, quoted);
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

    private Part parseBraceParam(boolean quoted) throws ParseException {
        enter();
        try {
            String prefix = "";
            if (pos < len && (src.charAt(pos) == '#' || src.charAt(pos) == '!')
                    && pos + 1 < len && src.charAt(pos + 1) != '}') {
                prefix = String.valueOf(src.charAt(pos));
                pos++;
            }
            int p = pos;
            if (p < len && isNameStart(src.charAt(p))) {
                while (p < len && isNameChar(src.charAt(p))) {
                    p++;
                }
            } else if (p < len && (Character.isDigit(src.charAt(p)))) {
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
            String op = null;
            for (String candidate : PARAM_OPS) {
                if (src.startsWith(candidate, pos)) {
                    op = candidate;
                    break;
                }
            }
            if (op == null) {
                throw error("bad substitution");
            }
            pos += op.length();
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

    private Part parseBacktick(boolean quoted) throws ParseException {
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
            return new CmdSub(new Script(s.items(), start, pos), quoted);
        } catch (ParseException e) {
            throw new ParseException(e.getMessage(), start + 1, e.isLimit());
        } finally {
            depth--;
        }
    }

    /** Reads an arithmetic expression up to the matching "))"; only expansions inside matter. */
    private Word parseArith(int start) throws ParseException {
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
                    if (lit.length() > 0) {
                        parts.add(new Lit(lit.toString(), true));
                        lit.setLength(0);
                    }
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
            if (lit.length() > 0) {
                parts.add(new Lit(lit.toString(), true));
            }
            return new Word(parts, start, pos);
        } finally {
            depth--;
        }
    }

    // ---------------------------------------------------------------- lexical helpers

    /** The next token if it is an unquoted word that could be a reserved word, else null. */
    private String peekReserved() {
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
        switch (w) {
            case "if", "then", "elif", "else", "fi", "do", "done", "case", "esac", "while", "until", "for", "select",
                    "in", "function", "time", "{", "}", "!", "[[", "coproc":
                pos = s; // consume leading blanks so callers can advance by the word length
                return w;
            default:
                return null;
        }
    }

    private boolean closerNext() {
        String rw = peekReserved();
        return rw != null && CLOSERS.contains(rw);
    }

    private void expectReserved(String w) throws ParseException {
        skipBlanksAndNewlines();
        if (!w.equals(peekReserved())) {
            throw error("expected '" + w + "'");
        }
        pos += w.length();
    }

    private void expectChar(char c) throws ParseException {
        skipBlanksAndNewlines();
        if (pos >= len || src.charAt(pos) != c) {
            throw error("expected '" + c + "'");
        }
        pos++;
    }

    private void skipBlanks() {
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

    private void skipBlanksAndNewlines() throws ParseException {
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

    private char peek(int ahead) {
        int p = pos + ahead;
        return p < len ? src.charAt(p) : '\0';
    }

    private void enter() throws ParseException {
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
        return c == ';' || c == '&' || c == '|' || c == '(' || c == ')' || c == '<' || c == '>' || c == '\n'
                || c == ' ' || c == '\t';
    }

    private static boolean isBlank(char c) {
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
}
